// The process `npm start` runs: one HTTP server on one port. The agent route
// (POST /api/v1/tools/{slug}/invoke) goes to the plain gateway in lib/gateway, before Next.js's request
// pipeline (about 6x the throughput, DESIGN.md); everything else (dashboard, server actions, GraphQL,
// auth) goes to Next.js.
import next from "next";
import { env } from "@/lib/env";
import { ensureIndexes } from "@/lib/db/ensure-indexes";
import { seedBuiltinTools } from "@/lib/services/tools/tools.service";
import { logger } from "@/lib/log/logger";
import { serveWithGateway } from "@/lib/gateway/serve";

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  const config = env();
  await ensureIndexes();
  await seedBuiltinTools();

  const app = next({ dev, dir: process.cwd(), port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();

  serveWithGateway(config.PORT, (req, res) => void handle(req, res), () => {
    logger.info({ port: config.PORT, url: config.APP_URL, dev }, "vaultline listening");
  });
}

main().catch((error: unknown) => {
  logger.fatal({ err: error instanceof Error ? { message: error.message } : String(error) }, "vaultline failed to start");
  process.exit(1);
});
