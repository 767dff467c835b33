// The gateway's short-lived cache of what the invoke path reads (budget keys, budgets, tools, bindings,
// credential ciphertexts), so a warm call makes no database round trip. Services that change one of those
// records invalidate its entry here; other processes (more gateway copies) see the change within TTL_MS.
// Kept on globalThis: Next.js's bundle of lib/services and the gateway's copy must share one cache.
const TTL_MS = 10_000;
const MAX_ENTRIES = 50_000;

type Entry = { value: unknown; expires: number };
type State = { entries: Map<string, Entry>; loading: Map<string, Promise<unknown>> };
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
}

/** Tools are cached per owner and slug; a new or changed tool clears every owner's entry for the slug. */
export function invalidateToolSlug(slug: string): void {
  for (const map of [state.entries, state.loading]) {
    for (const key of map.keys()) if (key.startsWith("tool:") && key.endsWith(`:${slug}`)) map.delete(key);
  }
}
