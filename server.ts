// The process `npm start` runs: one HTTP server on one port. Everything goes to Next.js (dashboard,
// server actions, GraphQL, auth); the agent route POST /api/v1/tools/{slug}/invoke will be served by the
// plain gateway in lib/gateway before Next.js's pipeline (see DESIGN.md for the measurements why).
import { createServer } from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { disconnectDb } from "@/lib/db/connection";
import { ensureIndexes } from "@/lib/db/ensure-indexes";
import { seedBuiltinTools } from "@/lib/services/tools/tools.service";
import { logger } from "@/lib/log/logger";

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  const config = env();
  await ensureIndexes();
  await seedBuiltinTools();

  const app = next({ dev, dir: process.cwd(), port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.listen(config.PORT, () => {
    logger.info({ port: config.PORT, url: config.APP_URL, dev }, "vaultline listening");
  });

  const stop = () => {
    server.close(() => void disconnectDb().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error instanceof Error ? { message: error.message } : String(error) }, "vaultline failed to start");
  process.exit(1);
});
