// The process `npm start` runs: one HTTP server on one port. The agent route
// (POST /api/v1/tools/{slug}/invoke) is served here by the plain gateway in lib/gateway, not by a Next.js
// route handler (about 6x the throughput, DESIGN.md); every other request (dashboard, server actions,
// GraphQL, auth) is forwarded to Next.js, which runs in a child process (lib/gateway/dashboard-process.ts
// says why).
import { env } from "@/lib/env";
import { ensureIndexes } from "@/lib/db/ensure-indexes";
import { seedBuiltinTools } from "@/lib/services/tools/tools.service";
import { dropAll } from "@/lib/services/hot-path-cache";
import { release } from "@/lib/services/invoke/spend-slices";
import type { TGatewayMessage } from "@/lib/services/gateway-link";
import { logger } from "@/lib/log/logger";
import { serveWithGateway } from "@/lib/gateway/serve";
import { startDashboardProcess } from "@/lib/gateway/dashboard-process";

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  const config = env();
  await ensureIndexes();
  await seedBuiltinTools();

  const dashboard = await startDashboardProcess({
    dev,
    // What the dashboard's services changed: drop what this gateway remembers of it.
    onMessage: (message: TGatewayMessage) => {
      if (message.type === "vaultline:invalidate") dropAll();
      else void release(message.budgetId);
    },
  });

  serveWithGateway(config.PORT, {
    fallback: dashboard.forward,
    upgrade: dashboard.forwardUpgrade,
    onListening: () => logger.info({ port: config.PORT, url: config.APP_URL, dev }, "vaultline listening"),
    onStop: dashboard.stop,
  });
}

main().catch((error: unknown) => {
  logger.fatal({ err: error instanceof Error ? { message: error.message } : String(error) }, "vaultline failed to start");
  process.exit(1);
});
