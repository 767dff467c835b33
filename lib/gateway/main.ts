// `npm run gateway`: the agent route alone, to run more copies than the dashboard (stateless apart from
// short-lived caches; every copy shares one MongoDB).
import { createServer } from "node:http";
import { env } from "@/lib/env";
import { connectDb, disconnectDb } from "@/lib/db/connection";
import { agentRouteSlug, handleAgentRequest } from "@/lib/gateway/gateway";
import { send } from "@/lib/gateway/with-budget-key";
import { flushUsage } from "@/lib/services/usage/usage-recorder";
import { releaseAll } from "@/lib/services/invoke/spend-slices";
import { logger } from "@/lib/log/logger";

async function main(): Promise<void> {
  const port = env().PORT;
  await connectDb();
  const server = createServer((req, res) => {
    const slug = agentRouteSlug(req.url);
    if (slug === null) send(res, 404, "-", { error: { code: "not_found", message: "Only POST /api/v1/tools/{slug}/invoke is served here." } });
    else handleAgentRequest(req, res, slug);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, () => logger.info({ port }, "vaultline gateway listening"));
  const stop = () => {
    server.close();
    void Promise.all([releaseAll(), flushUsage()]).finally(() => void disconnectDb().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

void main();
