// The dashboard process (Next.js: pages, server actions, GraphQL, auth): a child of the gateway process
// (processes/app.ts), serving on the private Unix socket it is given. Only that gateway talks to it;
// lib/gateway/state/dashboard-link.ts says why they are two processes, and how this one gets its
// TypeScript loader.
import http from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { disconnectDb } from "@/lib/db/connection";
import { logger } from "@/lib/log/logger";
import { passChangesToGateway, tellGatewayReady } from "@/lib/gateway/state/dashboard-link";

async function main(): Promise<void> {
  const socketPath = process.argv[2];
  if (!socketPath || !process.send) throw new Error("processes/dashboard.ts is started by processes/app.ts, not on its own");
  const dev = process.argv.includes("--dev");
  const config = env();
  // Before Next.js runs anything: every change its services make reaches the gateway's caches.
  passChangesToGateway();
  const app = next({ dev, dir: process.cwd(), port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => void handle(req, res));
  // WebSocket upgrades (hot reload in development), forwarded by the gateway.
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
  server.keepAliveTimeout = 65_000;
  server.listen(socketPath, tellGatewayReady);

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
