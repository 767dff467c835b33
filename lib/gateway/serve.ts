// Serving an HTTP server whose agent route is the gateway: shared by server.ts (with Next.js behind it)
// and lib/gateway/main.ts (the gateway alone).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { disconnectDb } from "@/lib/db/connection";
import { agentRouteSlug, handleAgentRequest } from "@/lib/gateway/gateway";
import { flushUsage } from "@/lib/services/usage/usage-recorder";
import { releaseAll } from "@/lib/services/invoke/spend-slices";
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

/** Listens on `port`: the agent route goes to the gateway, every other request to `fallback`. */
export function serveWithGateway(port: number, options: TServeOptions): void {
  const server = createServer((req, res) => {
    const slug = agentRouteSlug(req.url);
    if (slug !== null) handleAgentRequest(req, res, slug);
    else options.fallback(req, res);
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
