// The one port through which "something an agent call depends on changed" travels.
//
// Call plans (lib/gateway/state/call-plans.ts) are built from five collections: budgets, budget keys,
// bindings, credentials and tools. Every write to them goes through the mongoose plugin in
// announce-writes.ts, which calls announceChange() once the write is done, before the service that made
// it answers; no service announces anything by hand, and tests/changes.test.ts fails when a write could
// go around the plugin. Listeners in this process hear a change at once: the gateway's call plans and
// budget slices, or, in the dashboard process, the link that passes it on to its gateway. Every other
// process (more gateway copies) hears it through the shared epoch it polls (followEpoch).
import { CacheEpoch } from "@/models/cache-epoch";
import { logger } from "@/lib/log/logger";

/** The models a call plan is built from, and so the ones whose writes are announced. */
export const WATCHED_MODELS = ["Budget", "BudgetKey", "Binding", "Credential", "Tool", "Integration", "OAuthClient"] as const;
export type TWatchedModel = (typeof WATCHED_MODELS)[number];

/**
 * A write to one of those models. `budgetIds` names the budgets whose own record changed (their limit
 * may have, so their spending slices go back): none for other models, "all" when the write's filter
 * does not say which.
 */
export type TChange = { model: TWatchedModel; budgetIds: string[] | "all" };
export type TChangeListener = (change: TChange) => void;

const EPOCH_ID = "hot-path";
const EPOCH_POLL_MS = 1_000;

// On globalThis: Next.js's bundle and the plain modules of one process are two copies of this file, and
// a listener registered through one must hear writes made through the other.
type TState = { listeners: Set<TChangeListener>; epoch?: number; poller?: NodeJS.Timeout };
const slot = Symbol.for("vaultline.changes");
const state: TState = ((globalThis as Record<symbol, TState>)[slot] ??= { listeners: new Set() });

/** Hears every change made in this process (and, in a gateway, those its dashboard passes on). */
export function onChange(listener: TChangeListener): () => void {
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

/** A write in this process changed records an agent call depends on: tell this process and every other. */
export function announceChange(change: TChange): void {
  deliverChange(change);
  CacheEpoch.updateOne({ _id: EPOCH_ID }, { $inc: { epoch: 1 } }, { upsert: true }).catch((error: unknown) =>
    logger.warn({ err: error }, "could not announce a change to other processes (their plans expire on their own)"),
  );
}

/** Tells this process's listeners only: for a change already announced elsewhere. */
export function deliverChange(change: TChange): void {
  for (const listener of state.listeners) {
    try {
      listener(change);
    } catch (error) {
      logger.error({ err: error, model: change.model }, "a change listener failed");
    }
  }
}

/**
 * Polls the shared epoch every second and calls `moved` when another process announced a change. The
 * first poll has nothing to compare with, and what this process holds may predate a change: it calls too.
 */
export function followEpoch(moved: () => void): void {
  state.poller ??= setInterval(async () => {
    try {
      const epoch = (await CacheEpoch.findById(EPOCH_ID).lean())?.epoch ?? 0;
      if (epoch !== state.epoch) moved();
      state.epoch = epoch;
    } catch {
      // The database is away: what this process holds expires on its own.
    }
  }, EPOCH_POLL_MS).unref();
}
