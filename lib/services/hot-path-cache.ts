// The gateway's short-lived cache of what the invoke path reads (budget keys, budgets, tools, bindings,
// prepared credentials), so a warm call makes no database round trip. Services that change one of those
// records invalidate its entry here at once, and bump a shared epoch in the database: every other process
// (more gateway copies) polls it each second and drops its whole cache when it moves. TTL_MS bounds the
// rest (a poll that fails, a change made outside the services).
// Kept on globalThis: Next.js's bundle of lib/services and the gateway's copy must share one cache.
import { CacheEpoch } from "@/models/cache-epoch";
import { logger } from "@/lib/log/logger";

const TTL_MS = 10_000;
const MAX_ENTRIES = 50_000;
const EPOCH_ID = "hot-path";
const EPOCH_POLL_MS = 1_000;

type Entry = { value: unknown; expires: number };
type State = { entries: Map<string, Entry>; loading: Map<string, Promise<unknown>>; epoch?: number; poller?: NodeJS.Timeout };
const slot = Symbol.for("vaultline.hot-path-cache");
const state: State = ((globalThis as Record<symbol, State>)[slot] ??= { entries: new Map(), loading: new Map() });

export const cacheKeys = {
  budgetKey: (hash: string) => `budget-key:${hash}`,
  budget: (id: string) => `budget:${id}`,
  tool: (ownerId: string, slug: string) => `tool:${ownerId}:${slug}`,
  binding: (bindingId: string) => `binding:${bindingId}`,
  credential: (id: string) => `credential:${id}`,
};

/**
 * The cached value, or the loader's. "Not there" (null) is cached too and invalidated alike, unless
 * `keepNull` is false: lookups anyone can trigger with made-up input (budget keys) must not fill the cache.
 */
export async function cached<T>(key: string, load: () => Promise<T>, { keepNull = true } = {}): Promise<T> {
  state.poller ??= setInterval(() => void pollEpoch(), EPOCH_POLL_MS).unref();
  const hit = state.entries.get(key);
  if (hit && hit.expires > Date.now()) return hit.value as T;
  const pending = state.loading.get(key);
  if (pending) return pending as Promise<T>;
  const loading = load()
    .then((value) => {
      // An invalidation during the load wins: don't store what may already be stale.
      if (state.loading.get(key) === loading && (value !== null || keepNull)) {
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

export function invalidate(...keys: string[]): void {
  for (const key of keys) {
    state.entries.delete(key);
    state.loading.delete(key);
  }
  bumpEpoch();
}

/** Tools are cached per owner and slug; a new or changed tool clears every owner's entry for the slug. */
export function invalidateToolSlug(slug: string): void {
  for (const map of [state.entries, state.loading]) {
    for (const key of map.keys()) if (key.startsWith("tool:") && key.endsWith(`:${slug}`)) map.delete(key);
  }
  bumpEpoch();
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
    if (epoch !== state.epoch) {
      state.entries.clear();
      state.loading.clear();
    }
    state.epoch = epoch;
  } catch {
    // The database is away: entries still expire after TTL_MS.
  }
}
