// The gateway's HTTP server, shared by both gateway processes: processes/app.ts (with the dashboard
// behind it) and processes/gateway.ts (alone). Operations routes (/healthz, /readyz, /metrics) and agent
// routes are served here; everything else goes to the fallback.
//
// Stopping (SIGTERM, Ctrl-C, or the process that started this one going away) is graceful and logged step
// by step: no new connections; the requests in flight finish, up to VAULTLINE_SHUTDOWN_TIMEOUT_MS (longer
// than a vendor call's deadline, so an agent never loses an answer the vendor already worked for); usage
// is written and budget slices go back (lib/gateway/state); then what runs beside the gateway stops.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { env } from "@/lib/env";
import { disconnectDb } from "@/lib/db/connection";
import { handleAgentRequest } from "@/lib/gateway/agent-route";
import { endToolStreams } from "@/lib/gateway/mcp-tool-streams";
import { answerUnavailable, isStaticAsset, operationsRoute } from "@/lib/gateway/operations-routes";
import { databaseReachable } from "@/lib/db/health";
import { flushUsage } from "@/lib/gateway/state/usage-recorder";
import { flushSecretUse } from "@/lib/gateway/state/secret-use";
import { releaseAll } from "@/lib/gateway/state/spend-slices";
import { flushWindowSpend } from "@/lib/gateway/state/spend-windows";
import { pendingWrites, retryPendingWrites } from "@/lib/gateway/state/write-retry";
import { endLease, startLeases } from "@/lib/gateway/state/gateway-leases";
import { startUsageSweeper } from "@/lib/gateway/state/usage-sweeper";
import { logger } from "@/lib/log/logger";
import { servedOverHttps, trustedProxies } from "@/lib/net/trusted-proxies";

// Browsers keep to https for a year once they have seen this over https (they ignore it over http).
const HSTS = "max-age=31536000; includeSubDomains";

type TServeOptions = {
  /** Every request that is not an agent or operations call. */
  fallback: (req: IncomingMessage, res: ServerResponse) => void;
  /** WebSocket upgrades; refused when absent. */
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  onListening: () => void;
  /** Whether what runs beside the gateway is up (the dashboard process), for /readyz. */
  sideReady?: () => boolean;
  /** Stops what runs beside the gateway, once the gateway's own work is done. */
  onStop?: () => Promise<void>;
};

/** Listens on `port` until told to stop. */
export function serveGateway(port: number, options: TServeOptions): void {
  const inFlight = new Set<ServerResponse>();
  let stopping = false;

  const trusted = trustedProxies(env().VAULTLINE_TRUSTED_PROXIES);
  const server = createServer((req, res) => {
    inFlight.add(res);
    if (servedOverHttps(req, trusted, env().APP_URL)) res.setHeader("strict-transport-security", HSTS);
    res.once("close", () => inFlight.delete(res));
    if (operationsRoute(req, res, { stopping, sideReady: options.sideReady })) return;
    if (handleAgentRequest(req, res)) return;
    // Every page, action and GraphQL request needs the database: while it is away they get a clear 503 at
    // once from here, rather than each waiting out a timeout in the dashboard process.
    if (!databaseReachable() && !isStaticAsset(req.url)) answerUnavailable(req, res);
    else options.fallback(req, res);
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (options.upgrade && !stopping) options.upgrade(req, socket, head);
    else socket.destroy();
  });
  // Longer than common load balancers' idle timeout, so they never reuse a connection we closed.
  server.keepAliveTimeout = 65_000;
  server.listen(port, options.onListening);
  // This gateway's lease, and the slices of gateways that died without returning theirs.
  startLeases();
  startUsageSweeper();

  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    const deadlineMs = env().VAULTLINE_SHUTDOWN_TIMEOUT_MS;
    // Past every step's own bound, the process goes anyway (a supervisor may be waiting on it).
    setTimeout(() => {
      logger.error({ reason }, "stopping: steps overran, exiting now");
      process.exit(1);
    }, deadlineMs + 10_000).unref();

    logger.info({ reason, inFlight: inFlight.size }, "stopping: no new connections");
    server.close();
    // MCP notification streams never finish by themselves; their clients reconnect to a copy that is up.
    endToolStreams();
    // Keep-alive connections between requests would hold close() open: end each as soon as it is idle.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const finished = await settled(inFlight, deadlineMs);
    clearInterval(idle);
    if (finished) logger.info("stopping: requests in flight answered");
    else logger.warn({ unanswered: inFlight.size, deadlineMs }, "stopping: requests still in flight after the deadline");

    await step("usage written", flushUsage);
    await step("secret use audited", flushSecretUse);
    await step("budget slices returned", releaseAll);
    await step("spend windows written", flushWindowSpend);
    await step("retried writes made", async () => {
      await retryPendingWrites();
      if (pendingWrites() > 0) throw new Error(`${pendingWrites()} gateway writes could not be made before exit (the database is away)`);
    });
    // Left in place when writes are still pending: then another gateway gives back what this one held.
    if (pendingWrites() === 0) await step("lease ended", endLease);
    if (options.onStop) await step("dashboard stopped", options.onStop);
    await step("database disconnected", disconnectDb);
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
  // Started by a launcher that went away (killed outright): nobody is left to stop this process.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop("parent process exited");
  }, 1_000).unref();
}

/** Resolves true once every request in the set has closed, or false at the deadline. */
function settled(requests: Set<ServerResponse>, deadlineMs: number): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  return new Promise((resolve) => {
    const check = () => {
      if (requests.size === 0) return resolve(true);
      if (Date.now() >= until) return resolve(false);
      setTimeout(check, 50);
    };
    check();
  });
}

async function step(done: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
    logger.info(`stopping: ${done}`);
  } catch (error) {
    logger.error({ err: error }, `stopping: not ${done}`);
  }
}
