// `npm run gateway`: the agent route alone, to run more copies than the dashboard (stateless apart from
// short-lived caches; every copy shares one MongoDB).
import { env } from "@/lib/env";
import { connectDb } from "@/lib/db/connection";
import { serveWithGateway } from "@/lib/gateway/serve";
import { send } from "@/lib/gateway/with-budget-key";
import { logger } from "@/lib/log/logger";

async function main(): Promise<void> {
  const port = env().PORT;
  await connectDb();
  serveWithGateway(port, {
    fallback: (_, res) => send(res, 404, "-", { error: { code: "not_found", message: "Only POST /api/v1/tools/{slug}/invoke is served here." } }),
    onListening: () => logger.info({ port }, "vaultline gateway listening"),
  });
}

void main();
