// The gateway's short-lived cache of call plans (lib/services/invoke/invoke.service.ts): what one budget
// key may do with one tool, resolved from the key, budget, tool, binding and credential records. A warm
// call reads one entry here, synchronously, and makes no database round trip.
//
// Freshness is coarse on purpose: any announced change (lib/changes/changes.ts, which every write to those
// records goes through) drops every plan at once, as plans are cheap to rebuild. Changes made in another
// process arrive over the dashboard link or the shared epoch; TTL_MS bounds the rest (a poll that fails,
// a write made outside Vaultline).
//
// While the database is away (lib/db/health.ts), an expired plan keeps serving for up to STALE_MS more:
// nothing can change meanwhile through Vaultline (every change is a database write), and a revocation
// made during the outage could not be seen anyway. Past that, or for a plan never loaded, calls get 503.
// On globalThis, like the rest of this folder: a module evaluated twice in one process (Next.js's bundle
// next to the plain copy; reloads in development) still has one cache.
import { followEpoch, onChange } from "@/lib/changes/changes";
import { databaseReachable } from "@/lib/db/health";
import { recordPlanLookup } from "@/lib/gateway/metrics";

const TTL_MS = 10_000;
const STALE_MS = 5 * 60_000;
const MAX_ENTRIES = 50_000;

type TEntry = { value: unknown; expires: number };
type TState = { entries: Map<string, TEntry>; loading: Map<string, Promise<unknown>>; generation: number; listening?: boolean; dropListeners?: Set<() => void> };
const slot = Symbol.for("vaultline.call-plans");
const state: TState = ((globalThis as Record<symbol, TState>)[slot] ??= { entries: new Map(), loading: new Map(), generation: 0 });

if (!state.listening) {
  state.listening = true;
  onChange(dropAll);
}

/** The fresh cached value (or a stale one while the database is away), or undefined: then load it with `cached`. */
export function peek<T>(key: string): T | undefined {
  const hit = state.entries.get(key);
  if (!hit) return undefined;
  const now = Date.now();
  if (hit.expires > now) return hit.value as T;
  if (now - hit.expires < STALE_MS && !databaseReachable()) {
    recordPlanLookup("stale");
    return hit.value as T;
  }
  return undefined;
}

/**
 * Loads a value once for concurrent callers and caches it, unless the loader returns null: "not there"
 * is never cached, as lookups anyone can trigger with made-up input (budget keys) must not fill the cache.
 */
export function cached<T>(key: string, load: () => Promise<T | null>): Promise<T | null> {
  followEpoch(dropAll);
  const pending = state.loading.get(key);
  if (pending) return pending as Promise<T | null>;
  const generation = state.generation;
  const loading = load()
    .then((value) => {
      // A change during the load wins: don't store what may already be stale.
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

const dropListeners = (state.dropListeners ??= new Set());

/** Also called whenever the cache is dropped (the OAuth token holders it holds let go of their timers). */
export function onDropAll(listener: () => void): void {
  dropListeners.add(listener);
}

/** Drops every entry of this process's cache. */
export function dropAll(): void {
  // Loads under way may return what was true before the change: they are not stored, nor shared.
  state.generation++;
  state.entries.clear();
  state.loading.clear();
  for (const listener of dropListeners) listener();
}
