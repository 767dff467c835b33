// The process `npm start` runs: one HTTP server on one port. The agent route
// (POST /api/v1/tools/{slug}/invoke) goes to the plain gateway in lib/gateway, before Next.js's request
// pipeline (about 6x the throughput, DESIGN.md); everything else (dashboard, server actions, GraphQL,
// auth) goes to Next.js.
import { createServer } from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { disconnectDb } from "@/lib/db/connection";
import { ensureIndexes } from "@/lib/db/ensure-indexes";
import { seedBuiltinTools } from "@/lib/services/tools/tools.service";
import { logger } from "@/lib/log/logger";
import { agentRouteSlug, handleAgentRequest } from "@/lib/gateway/gateway";
import { flushUsage } from "@/lib/services/usage/usage-recorder";
import { releaseAll } from "@/lib/services/invoke/spend-slices";

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  const config = env();
  await ensureIndexes();
  await seedBuiltinTools();

  const app = next({ dev, dir: process.cwd(), port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
    const slug = agentRouteSlug(req.url);
    if (slug !== null) handleAgentRequest(req, res, slug);
    else void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(config.PORT, () => {
    logger.info({ port: config.PORT, url: config.APP_URL, dev }, "vaultline listening");
  });

  const stop = () => {
    // Unused budget slices go back and queued usage is written before the database connection closes.
    server.close();
    void Promise.all([releaseAll(), flushUsage()]).finally(() => void disconnectDb().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error instanceof Error ? { message: error.message } : String(error) }, "vaultline failed to start");
  process.exit(1);
});
