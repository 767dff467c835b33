// Spending without a database write per call, and never past the limit.
//
// A budget's `committedCents` is the one guarded counter: spent plus what gateways have reserved. A
// gateway takes a slice with one compare-and-set update (it succeeds only if nobody moved the counter or
// the limit since we read them, and never takes more than what remains), then spends from the slice in
// memory, and tops it up in the background when a quarter is left, so that calls do not wait for the
// database. The unused rest goes back when the slice sits idle (5 s), when its budget changes (an
// announced change, lib/changes/changes.ts, heard in the process that made it and in the gateway that
// started that process; other gateway copies keep their slice until it idles, and a new limit applies to
// their next slice) and at shutdown. Returns are retried until written, and count once
// (write-retry.ts, apply-once.ts). What a gateway holds is on its lease (gateway-leases.ts), so the slices
// of a gateway that died come back too. A crash can strand a little (the limit is then reached early) but
// can never overspend.
import { randomUUID } from "node:crypto";
import { Types } from "mongoose";
import { Budget } from "@/models/budget";
import { logger } from "@/lib/log/logger";
import { isUnreachableError } from "@/lib/db/health";
import { onChange } from "@/lib/changes/changes";
import { recordSliceRefill } from "@/lib/gateway/metrics";
import { incrementOnce } from "@/lib/gateway/state/apply-once";
import { holdLess, holdMore, onLeaseLost, startLeases } from "@/lib/gateway/state/gateway-leases";
import { writeSurely } from "@/lib/gateway/state/write-retry";
import { giveBackToWindows, hasWindows, NO_WINDOWS, noteWindowSpend, reserveOnWindows, windowHeadroom, type TSliceWindows } from "@/lib/gateway/state/spend-windows";
import type { TPeriod } from "@/lib/services/budgets/spend-periods";

const SLICE_CALLS = 1_000; // a slice covers about this many calls (a quarter of a second, at full speed)...
const SLICE_LIMIT_FRACTION = 0.1; // ...but never more than this share of the limit
const TOP_UP_AT = 0.25; // share of the last slice left when the next one is fetched
const IDLE_RETURN_MS = 5_000;
const MAX_ATTEMPTS = 8;

type TRefill = "ok" | "exhausted" | "contended" | "unlimited" | TPeriod;
// `windows`: the spend windows (spend-windows.ts) the slice was carved in; it serves until the first resets.
type Slice = { remaining: number; lastSize: number; lastUsed: number; windows: TSliceWindows; refill?: Promise<TRefill> };
// `returning`: rests on their way back, which a new slice of the same budget waits for (a limit lowered
// just now must not look spent by the old slice's rest).
type State = { slices: Map<string, Slice>; returning: Map<string, Promise<void>>; sweeper?: NodeJS.Timeout; listening?: boolean };
const slot = Symbol.for("vaultline.spend-slices");
const state: State = ((globalThis as Record<symbol, State>)[slot] ??= { slices: new Map(), returning: new Map() });

// A budget changed (its limit, perhaps): its slice goes back, and the next call reserves under the new record.
if (!state.listening) {
  state.listening = true;
  onChange(({ budgetIds }) => void (budgetIds === "all" ? releaseAll() : Promise.all(budgetIds.map(release))));
  // Another gateway gave our slices back while we were cut off: what they held is no longer ours to spend.
  onLeaseLost(() => {
    for (const slice of state.slices.values()) slice.remaining = 0;
    state.slices.clear();
  });
}

/**
 * Reserves `cost` cents of a budget believed to have a limit: "exhausted" when less than that remains,
 * "unlimited" when the database says the limit was removed meanwhile (nothing to reserve then).
 */
export async function reserve(budgetId: string, cost: number): Promise<"reserved" | "unlimited" | "exhausted" | TPeriod> {
  if (cost <= 0) return "reserved";
  startSweeper();
  // Losing the race for a fresh slice to a concurrent call is not running out: only the database's
  // answer "less than `cost` remains" ends the loop. (The bound only guards against a bug.)
  for (let round = 0; round < 10_000; round++) {
    // Looked up each round: the slice may have been released (budget changed) while we waited.
    const slice = sliceOf(budgetId);
    // A period of its windows ended: its rest goes back to them, and the next slice is the new period's.
    if (Date.now() >= slice.windows.validUntil && !slice.refill) {
      await release(budgetId);
      continue;
    }
    if (slice.remaining >= cost) return take(slice, cost);
    // One refill at a time per budget; concurrent callers wait for it, then try the slice again.
    const outcome = await startRefill(budgetId, slice, cost);
    if (outcome === "unlimited") return "unlimited";
    if (typeof outcome === "object" && slice.remaining < cost) return outcome;
    if (outcome === "exhausted" && slice.remaining < cost) return "exhausted";
  }
  return "exhausted";
}

/** Spends from this process's slice when it holds enough (the common case, no waiting); else call reserve. */
export function spendFromSlice(budgetId: string, cost: number): boolean {
  if (cost <= 0) return true;
  const slice = state.slices.get(budgetId);
  if (!slice || slice.remaining < cost || Date.now() >= slice.windows.validUntil) return false;
  take(slice, cost);
  // At least two calls' worth ahead, for slices of only a few calls.
  if (slice.remaining < Math.max(slice.lastSize * TOP_UP_AT, 2 * cost) && !slice.refill) {
    // While the database is away this fails at each call's top-up; lib/db/health.ts has said so once already.
    startRefill(budgetId, slice, cost).catch((error: unknown) => {
      if (!isUnreachableError(error)) logger.error({ err: error, budgetId }, "could not top up a budget slice");
    });
  }
  return true;
}

function startRefill(budgetId: string, slice: Slice, cost: number): Promise<TRefill> {
  slice.refill ??= refill(budgetId, slice, cost)
    .then((outcome) => {
      recordSliceRefill(typeof outcome === "object" ? "exhausted" : outcome);
      return outcome;
    })
    .finally(() => (slice.refill = undefined));
  return slice.refill;
}

/** Gives back the cost of a call that never reached the vendor. */
export function refund(budgetId: string, cost: number): void {
  if (cost <= 0) return;
  const slice = state.slices.get(budgetId);
  if (slice) {
    slice.remaining += cost;
    if (slice.windows.ids.length) noteWindowSpend(slice.windows, -cost);
  } else void giveBack(budgetId, cost, NO_WINDOWS);
}

/** Returns every slice's unused rest (at shutdown). */
export async function releaseAll(): Promise<void> {
  await Promise.all([...state.slices.keys()].map((id) => release(id)));
}

/** Returns this process's slice of one budget. */
export async function release(budgetId: string): Promise<void> {
  const slice = state.slices.get(budgetId);
  if (!slice) return;
  state.slices.delete(budgetId);
  // Zeroed first: a call still holding this slice must not spend what is being given back.
  const rest = slice.remaining;
  slice.remaining = 0;
  if (rest <= 0) return;
  const before = state.returning.get(budgetId) ?? Promise.resolve();
  const returned = before.then(() => giveBack(budgetId, rest, slice.windows)).finally(() => {
    if (state.returning.get(budgetId) === returned) state.returning.delete(budgetId);
  });
  state.returning.set(budgetId, returned);
  await returned;
}

function take(slice: Slice, cost: number): "reserved" {
  slice.remaining -= cost;
  if (slice.windows.ids.length) noteWindowSpend(slice.windows, cost);
  slice.lastUsed = Date.now();
  return "reserved";
}

function sliceOf(budgetId: string): Slice {
  let slice = state.slices.get(budgetId);
  if (!slice) state.slices.set(budgetId, (slice = { remaining: 0, lastSize: 0, lastUsed: Date.now(), windows: NO_WINDOWS }));
  return slice;
}

async function refill(budgetId: string, slice: Slice, cost: number): Promise<TRefill> {
  startLeases();
  const _id = new Types.ObjectId(budgetId);
  await state.returning.get(budgetId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const budget = await Budget.findById(_id, { limitCents: 1, committedCents: 1, dayLimitCents: 1, weekLimitCents: 1, monthLimitCents: 1, timeZone: 1 }).lean();
    if (!budget) return "exhausted";
    const lifetime = budget.limitCents ?? null;
    if (lifetime === null && !hasWindows(budget)) return "unlimited";
    // A slice carved in other periods than this one's windows cannot be topped up: it goes back first.
    const head = await windowHeadroom(budgetId, budget);
    if (slice.remaining > 0 && slice.windows.ids.join() !== head.windows.ids.join()) return "contended";
    const committed = budget.committedCents ?? 0;
    const available = Math.min(lifetime === null ? Number.POSITIVE_INFINITY : lifetime - committed, head.available);
    const fraction = Math.min(...[lifetime, budget.dayLimitCents, budget.weekLimitCents, budget.monthLimitCents].filter((c): c is number => typeof c === "number"));
    const wanted = Math.max(cost, Math.min(cost * SLICE_CALLS, Math.ceil(fraction * SLICE_LIMIT_FRACTION)));
    const size = Math.min(available, wanted);
    if (size <= 0 || size + slice.remaining < cost) {
      // Which cap ran out: a window (it resets) or the lifetime limit (it does not).
      const lifetimeRoom = lifetime === null ? Number.POSITIVE_INFINITY : lifetime - committed;
      return head.tightest && head.available <= lifetimeRoom ? head.tightest : "exhausted";
    }
    const { modifiedCount } = await Budget.updateOne(
      { _id, limitCents: budget.limitCents ?? null, committedCents: committed },
      { $inc: { committedCents: size } },
      { timestamps: false },
    );
    if (modifiedCount === 1 && head.windows.ids.length && !(await reserveOnWindows(budget, head.windows, size))) {
      // Another gateway took the window's room meanwhile: the budget's part goes back, and we read again.
      await incrementOnce(Budget, _id, `return:${randomUUID()}`, { committedCents: -size });
      continue;
    }
    if (modifiedCount === 1) {
      // On the lease once reserved (queued before any return of it, which write-retry.ts keeps in order).
      void writeSurely("held money", () => holdMore(budgetId, size, `hold:${randomUUID()}`));
      // Released while we were refilling (the budget changed): hand the new slice straight back.
      if (state.slices.get(budgetId) !== slice) {
        await giveBack(budgetId, size, head.windows);
        return "contended";
      }
      slice.windows = head.windows;
      slice.remaining += size;
      slice.lastSize = size;
      return "ok";
    }
  }
  return "contended";
}

/** Returns cents to the budget: off the lease first, then off the budget's committed total; retried until done. */
function giveBack(budgetId: string, cents: number, windows: TSliceWindows): Promise<void> {
  const opId = `return:${randomUUID()}`;
  const budget = writeSurely("budget slice return", async () => {
    await holdLess(budgetId, cents, `${opId}:lease`);
    await incrementOnce(Budget, new Types.ObjectId(budgetId), opId, { committedCents: -cents });
  });
  return windows.ids.length ? Promise.all([budget, giveBackToWindows(windows, cents)]).then(() => undefined) : budget;
}

function startSweeper(): void {
  state.sweeper ??= setInterval(() => {
    const now = Date.now();
    for (const [id, slice] of state.slices) {
      if (!slice.refill && now - slice.lastUsed > IDLE_RETURN_MS) void release(id);
    }
  }, IDLE_RETURN_MS).unref();
}
