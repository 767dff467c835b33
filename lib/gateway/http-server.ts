// The gateway's HTTP server, shared by both gateway processes: processes/app.ts (with the dashboard
// behind it) and processes/gateway.ts (alone). Agent routes go to lib/gateway/agent-route.ts, everything
// else to the fallback; at shutdown the gateway's state (lib/gateway/state) is handed back.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { disconnectDb } from "@/lib/db/connection";
import { handleAgentRequest } from "@/lib/gateway/agent-route";
import { flushUsage } from "@/lib/gateway/state/usage-recorder";
import { releaseAll } from "@/lib/gateway/state/spend-slices";
import { logger } from "@/lib/log/logger";

type TServeOptions = {
  /** Every request that is not an agent call. */
  fallback: (req: IncomingMessage, res: ServerResponse) => void;
  /** WebSocket upgrades; refused when absent. */
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  onListening: () => void;
  /** Stops what else runs with the gateway, at shutdown. */
  onStop?: () => Promise<void>;
};

/** Listens on `port`: the agent routes go to the gateway, every other request to `fallback`. */
export function serveGateway(port: number, options: TServeOptions): void {
  const server = createServer((req, res) => {
    if (!handleAgentRequest(req, res)) options.fallback(req, res);
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (options.upgrade) options.upgrade(req, socket, head);
    else socket.destroy();
  });
  // Longer than common load balancers' idle timeout, so they never reuse a connection we closed.
  server.keepAliveTimeout = 65_000;
  server.listen(port, options.onListening);

  const stop = () => {
    // Unused budget slices go back and queued usage is written before the database connection closes.
    server.close();
    void Promise.all([releaseAll(), flushUsage(), options.onStop?.()])
      .catch((error: unknown) => logger.error({ err: error }, "shutdown"))
      .finally(() => void disconnectDb().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
