// The Next.js side of `npm start` (dashboard, server actions, GraphQL, auth): a child process of
// server.ts, serving on the private Unix socket it is given. Only the gateway in server.ts talks to it;
// lib/gateway/dashboard-process.ts says why they are two processes.
import http from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { disconnectDb } from "@/lib/db/connection";
import { logger } from "@/lib/log/logger";

async function main(): Promise<void> {
  const socketPath = process.argv[2];
  if (!socketPath || !process.send) throw new Error("dashboard-server.ts is started by server.ts, not on its own");
  const dev = process.argv.includes("--dev");
  const config = env();
  const app = next({ dev, dir: process.cwd(), port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => void handle(req, res));
  // WebSocket upgrades (hot reload in development), forwarded by the gateway.
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
  server.keepAliveTimeout = 65_000;
  server.listen(socketPath, () => process.send!({ type: "vaultline:dashboard-ready" }));

  const stop = () => {
    server.close();
    void disconnectDb().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  // The gateway stops this process (SIGTERM) when it stops. Ctrl-C in a terminal reaches both processes:
  // this one waits for the gateway's word, so that the gateway never sees its dashboard die unasked.
  process.once("SIGTERM", stop);
  process.on("SIGINT", () => {});
  // The gateway went away (crashed or killed): nothing can reach this process any more.
  process.once("disconnect", stop);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error instanceof Error ? { message: error.message } : String(error) }, "the dashboard failed to start");
  process.exit(1);
});
