// Whether this process can reach the database now, from the driver's own monitoring (a heartbeat each
// second, connection.ts), so that work needing the database fails at once while it is away (503
// `service_unavailable` with Retry-After) instead of each request waiting out a server-selection timeout,
// and warm agent calls keep serving what they have (lib/gateway/state/call-plans.ts). The log says once
// that the database was lost and once that it is back, rather than a stack per request.
import type { MongoClient } from "mongodb";
import { logger } from "@/lib/log/logger";
import { ServiceUnavailableError } from "@/lib/services/errors";

const slot = Symbol.for("vaultline.db-health");
type TState = { reachable: boolean; since: number; watched: WeakSet<MongoClient> };
const state: TState = ((globalThis as Record<symbol, TState>)[slot] ??= { reachable: true, since: Date.now(), watched: new WeakSet() });

const WRITABLE = new Set(["Standalone", "RSPrimary", "Mongos", "LoadBalancer"]);

/** True unless the driver's monitoring says no server can be reached. */
export function databaseReachable(): boolean {
  return state.reachable;
}

/** Throws the 503 answer when the database is known to be away. */
export function requireDatabase(): void {
  if (!state.reachable) throw new ServiceUnavailableError("The database is unavailable; try again shortly.");
}

/** Follows a client's topology: reachable while it knows a server it can write to. */
export function watchDatabase(client: MongoClient): void {
  if (state.watched.has(client)) return;
  state.watched.add(client);
  client.on("topologyDescriptionChanged", ({ newDescription }) => {
    const reachable = [...newDescription.servers.values()].some((server) => WRITABLE.has(server.type));
    if (reachable === state.reachable) return;
    const downMs = Date.now() - state.since;
    state.reachable = reachable;
    state.since = Date.now();
    if (reachable) logger.warn({ downMs }, "database back");
    else logger.error("database lost");
  });
}

const UNREACHABLE = /^(Mongo|Mongoose)(ServerSelection|Network|NetworkTimeout|TopologyClosed|NotConnected|PoolCleared)Error$|^PoolClearedError$/;

/** True for the driver's ways of saying the database cannot be reached (answered 503, not 500). */
export function isUnreachableError(error: unknown): boolean {
  return error instanceof Error && UNREACHABLE.test(error.name);
}
