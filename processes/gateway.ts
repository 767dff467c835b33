// A gateway process alone, as `npm run gateway` runs it: the agent routes without the dashboard, to run
// more copies than one (stateless apart from the short-lived state in lib/gateway/state; every copy
// shares one database and learns of changes through its epoch).
import { env } from "@/lib/env";
import { connectDb } from "@/lib/db/connection";
import { serveGateway } from "@/lib/gateway/http-server";
import { send } from "@/lib/gateway/with-budget-key";
import { logger } from "@/lib/log/logger";

async function main(): Promise<void> {
  const port = env().PORT;
  await connectDb();
  serveGateway(port, {
    fallback: (_, res) => send(res, 404, "-", { error: { code: "not_found", message: "Only the agent routes (/api/v1/tools, /api/v1/tools/{slug}/invoke, /api/v1/openapi.json, /mcp) and /healthz, /readyz, /metrics are served here." } }),
    onListening: () => logger.info({ port }, "vaultline gateway listening"),
  });
}

main().catch((error: unknown) => {
  logger.fatal({ err: error instanceof Error ? { message: error.message } : String(error) }, "the gateway failed to start");
  process.exit(1);
});
