// The spend caps of a budget besides its lifetime limit: per day, week and month (calendar periods in
// the budget's time zone) and per call. A slice (spend-slices.ts) is carved from the smallest headroom
// of every cap that applies now, and reserved on each period's counter document (models/spend-window.ts,
// `_id` `<budgetId>:<period key>`) with one guarded update each (`committedCents` never past the cap),
// so every cap holds exactly across gateway copies, as the lifetime limit does. A slice belongs to the
// periods it was carved in: it stops serving at the first reset among them, and its rest goes back to
// each of them. Spent cents are moved from the lease's hold to each window's `spentCents` once a second,
// like the usage recorder does for the budget; nothing here is written per call.
import { randomUUID } from "node:crypto";
import { SpendWindow } from "@/models/spend-window";
import { env } from "@/lib/env";
import { incrementOnce } from "@/lib/gateway/state/apply-once";
import { holdLess, holdMore } from "@/lib/gateway/state/gateway-leases";
import { writeSurely } from "@/lib/gateway/state/write-retry";
import { periodAt, WINDOW_KINDS, type TPeriod, type TWindowKind } from "@/lib/services/budgets/spend-periods";

/** The caps of a budget record (null: none). */
export type TWindowCaps = {
  dayLimitCents?: number | null;
  weekLimitCents?: number | null;
  monthLimitCents?: number | null;
  timeZone?: string | null;
};

/** The windows a slice was carved in: their counter ids and caps, and when the first of them resets. */
// `pending`: cents spent from slices of these windows since the last flush (one sum per slice, not per window).
export type TSliceWindows = { ids: string[]; periods: TPeriod[]; validUntil: number; pending: number };

export const NO_WINDOWS: TSliceWindows = { ids: [], periods: [], validUntil: Number.POSITIVE_INFINITY, pending: 0 };

const FLUSH_EVERY_MS = 1_000;

type TState = { spent: Set<TSliceWindows>; timer?: NodeJS.Timeout };
const slot = Symbol.for("vaultline.spend-windows");
const state: TState = ((globalThis as Record<symbol, TState>)[slot] ??= { spent: new Set() });

/** Now, as the windows' calendar sees it (shifted only by the test-only VAULTLINE_TEST_CLOCK_OFFSET_MS). */
export function windowClock(): number {
  return Date.now() + env().VAULTLINE_TEST_CLOCK_OFFSET_MS;
}

export function capOf(caps: TWindowCaps, kind: TWindowKind): number | null {
  const cap = kind === "day" ? caps.dayLimitCents : kind === "week" ? caps.weekLimitCents : caps.monthLimitCents;
  return cap === null || cap === undefined ? null : cap;
}

export function hasWindows(caps: TWindowCaps): boolean {
  return WINDOW_KINDS.some((kind) => capOf(caps, kind) !== null);
}

export const windowId = (budgetId: string, period: TPeriod) => `${budgetId}:${period.key}`;

/** The periods holding `at` of the caps the budget sets. */
export function currentPeriods(caps: TWindowCaps): TPeriod[] {
  const zone = caps.timeZone || "UTC";
  const shift = env().VAULTLINE_TEST_CLOCK_OFFSET_MS;
  // Periods are told on the windows' clock, and their instants given back in real time.
  return WINDOW_KINDS.filter((kind) => capOf(caps, kind) !== null).map((kind) => {
    const period = periodAt(kind, windowClock(), zone);
    return shift ? { ...period, startsAt: new Date(period.startsAt.getTime() - shift), resetsAt: new Date(period.resetsAt.getTime() - shift) } : period;
  });
}

/** The budget's windows now, and how many cents each still has room for (Infinity without windows). */
export async function windowHeadroom(budgetId: string, caps: TWindowCaps): Promise<{ windows: TSliceWindows; available: number; tightest: TPeriod | null }> {
  const periods = currentPeriods(caps);
  if (!periods.length) return { windows: { ...NO_WINDOWS }, available: Number.POSITIVE_INFINITY, tightest: null };
  const ids = periods.map((p) => windowId(budgetId, p));
  const docs = await SpendWindow.find({ _id: { $in: ids } }, { committedCents: 1 }).lean();
  const committed = new Map(docs.map((d) => [d._id, d.committedCents ?? 0]));
  let available = Number.POSITIVE_INFINITY;
  let tightest: TPeriod | null = null;
  periods.forEach((period, i) => {
    const room = capOf(caps, period.kind)! - (committed.get(ids[i]!) ?? 0);
    if (room < available) [available, tightest] = [room, period];
  });
  const validUntil = Math.min(...periods.map((p) => p.resetsAt.getTime()));
  return { windows: { ids, periods, validUntil, pending: 0 }, available, tightest };
}

/**
 * Reserves `cents` on every window, each with one guarded update; all or none (a window that refused
 * gives the ones before it back). Returns whether all took it.
 */
export async function reserveOnWindows(caps: TWindowCaps, windows: TSliceWindows, cents: number): Promise<boolean> {
  const taken: string[] = [];
  for (let i = 0; i < windows.ids.length; i++) {
    const _id = windows.ids[i]!;
    const cap = capOf(caps, windows.periods[i]!.kind)!;
    // The period's first reservation creates its counter (a write per budget and period, not per call).
    await SpendWindow.updateOne({ _id }, { $setOnInsert: { committedCents: 0, spentCents: 0 } }, { upsert: true }).catch((error: { code?: number }) => {
      if (error.code !== 11000) throw error;
    });
    const { modifiedCount } = await SpendWindow.updateOne({ _id, committedCents: { $lte: cap - cents } }, { $inc: { committedCents: cents } });
    if (modifiedCount !== 1) {
      // Their holds were queued already; the returns queue after them (write-retry.ts keeps the order).
      await Promise.all(taken.map((id) => giveBackToWindow(id, cents)));
      return false;
    }
    taken.push(_id);
    void writeSurely("held money", () => holdMore(_id, cents, `hold:${randomUUID()}`));
  }
  return true;
}

/** The rest of a slice, back to each of its windows (off the lease first); retried until written. */
export function giveBackToWindows(windows: TSliceWindows, cents: number): Promise<void> {
  return Promise.all(windows.ids.map((id) => giveBackToWindow(id, cents))).then(() => undefined);
}

function giveBackToWindow(id: string, cents: number): Promise<void> {
  const opId = `return:${randomUUID()}`;
  return writeSurely("spend window return", async () => {
    await holdLess(id, cents, `${opId}:lease`);
    await incrementOnce(SpendWindow, id, opId, { committedCents: -cents });
  });
}

/** A call spent `cents` of a slice carved in these windows (negative: refunded); written within a second. */
export function noteWindowSpend(windows: TSliceWindows, cents: number): void {
  if (windows.pending === 0) {
    state.spent.add(windows);
    state.timer ??= setInterval(() => void flushWindowSpend(), FLUSH_EVERY_MS).unref();
  }
  windows.pending += cents;
}

/** Moves what was spent from the lease's hold to each window's spent total (also at shutdown). */
export async function flushWindowSpend(): Promise<void> {
  const sums = new Map<string, number>();
  for (const windows of state.spent) {
    for (const id of windows.ids) sums.set(id, (sums.get(id) ?? 0) + windows.pending);
    windows.pending = 0;
  }
  state.spent.clear();
  const batch = [...sums];
  await Promise.all(
    batch.map(([id, cents]) => {
      if (cents === 0) return undefined;
      const opId = `spent:${randomUUID()}`;
      return writeSurely("spend window total", async () => {
        await holdLess(id, cents, `${opId}:lease`);
        await incrementOnce(SpendWindow, id, opId, { spentCents: cents });
      });
    }),
  );
}

/** A window's counter id on a gateway lease (`held.<id>`): what a reclaimer gives back to it. */
export function isWindowHold(key: string): boolean {
  return /^[0-9a-f]{24}:[dwm]\d{4}-\d{2}(-\d{2})?$/.test(key);
}
