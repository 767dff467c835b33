// The gateway's short-lived cache of call plans (invoke.service.ts): what one budget key may do with one
// tool, resolved from the key, budget, tool, binding and credential records. A warm call reads one entry
// here, synchronously, and makes no database round trip.
//
// Invalidation is coarse on purpose: a service that changes one of those records drops every plan at once
// (plans are cheap to rebuild), in its own process and in the gateway that started it (gateway-link.ts),
// and bumps a shared epoch in the database: every other process (more gateway copies) polls it each second
// and drops its whole cache when it moves. TTL_MS bounds the rest (a poll that fails, a change made
// outside the services).
// Kept on globalThis, like the other in-memory state of lib/services: a module evaluated twice in one
// process (Next.js's bundle next to the plain copy; reloads in development) still has one cache.
import { CacheEpoch } from "@/models/cache-epoch";
import { logger } from "@/lib/log/logger";
import { tellGateway } from "@/lib/services/gateway-link";

const TTL_MS = 10_000;
const MAX_ENTRIES = 50_000;
const EPOCH_ID = "hot-path";
const EPOCH_POLL_MS = 1_000;

type Entry = { value: unknown; expires: number };
type State = { entries: Map<string, Entry>; loading: Map<string, Promise<unknown>>; generation: number; epoch?: number; poller?: NodeJS.Timeout };
const slot = Symbol.for("vaultline.hot-path-cache");
const state: State = ((globalThis as Record<symbol, State>)[slot] ??= { entries: new Map(), loading: new Map(), generation: 0 });

/** The fresh cached value, or undefined: then load it with `cached`. */
export function peek<T>(key: string): T | undefined {
  const hit = state.entries.get(key);
  return hit && hit.expires > Date.now() ? (hit.value as T) : undefined;
}

/**
 * Loads a value once for concurrent callers and caches it, unless the loader returns null: "not there"
 * is never cached, as lookups anyone can trigger with made-up input (budget keys) must not fill the cache.
 */
export function cached<T>(key: string, load: () => Promise<T | null>): Promise<T | null> {
  state.poller ??= setInterval(() => void pollEpoch(), EPOCH_POLL_MS).unref();
  const pending = state.loading.get(key);
  if (pending) return pending as Promise<T | null>;
  const generation = state.generation;
  const loading = load()
    .then((value) => {
      // An invalidation during the load wins: don't store what may already be stale.
      if (value !== null && state.generation === generation) {
        // Full: drop the oldest entry (a Map iterates in insertion order).
        if (state.entries.size >= MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
        state.entries.set(key, { value, expires: Date.now() + TTL_MS });
      }
      return value;
    })
    .finally(() => {
      if (state.loading.get(key) === loading) state.loading.delete(key);
    });
  state.loading.set(key, loading);
  return loading;
}

/** Drops every entry here, and tells other processes to do the same. */
export function invalidate(): void {
  dropAll();
  tellGateway({ type: "vaultline:invalidate" });
  bumpEpoch();
}

/** Drops every entry of this process's cache. */
export function dropAll(): void {
  // Loads under way may return what was true before the change: they are not stored, nor shared.
  state.generation++;
  state.entries.clear();
  state.loading.clear();
}

function bumpEpoch(): void {
  CacheEpoch.updateOne({ _id: EPOCH_ID }, { $inc: { epoch: 1 } }, { upsert: true }).catch((error: unknown) =>
    logger.warn({ err: error }, "could not announce a cache invalidation (other processes catch up within 10 s)"),
  );
}

/** Drops the whole cache when another process (or this one) announced a change since the last poll. */
async function pollEpoch(): Promise<void> {
  try {
    const epoch = (await CacheEpoch.findById(EPOCH_ID).lean())?.epoch ?? 0;
    // The first poll has nothing to compare with, and entries may predate a change: it clears too.
    if (epoch !== state.epoch) dropAll();
    state.epoch = epoch;
  } catch {
    // The database is away: entries still expire after TTL_MS.
  }
}
