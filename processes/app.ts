// The gateway process, as `npm start` runs it: one HTTP server on one port. The agent routes are served
// here by the plain gateway in lib/gateway, not by Next.js (about 6x the throughput of a Next.js route
// handler, ARCHITECTURE.md); every other request (dashboard, server actions, GraphQL, auth) is forwarded
// to the dashboard process (processes/dashboard.ts), which this one starts as its child
// (lib/gateway/state/dashboard-link.ts says why they are two).
import { env } from "@/lib/env";
import { ensureIndexes } from "@/lib/db/ensure-indexes";
import { seedBuiltinTools } from "@/lib/services/tools/tools.service";
import { migrateToIntegrations } from "@/lib/services/integrations/migrate-integrations";
import { rebuildOwnerLists } from "@/lib/services/owner-lists/rebuild-owner-lists";
import { logger } from "@/lib/log/logger";
import { serveGateway } from "@/lib/gateway/http-server";
import { startDashboardProcess } from "@/lib/gateway/state/dashboard-link";

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  const config = env();
  await ensureIndexes();
  await seedBuiltinTools();
  await migrateToIntegrations();
  await rebuildOwnerLists();

  const dashboard = await startDashboardProcess({ dev });
  serveGateway(config.PORT, {
    fallback: dashboard.forward,
    upgrade: dashboard.forwardUpgrade,
    sideReady: dashboard.ready,
    onListening: () => logger.info({ port: config.PORT, url: config.APP_URL, dev }, "vaultline listening"),
    onStop: dashboard.stop,
  });
}

main().catch((error: unknown) => {
  logger.fatal({ err: error instanceof Error ? { message: error.message } : String(error) }, "vaultline failed to start");
  process.exit(1);
});
