// A budget's usage for people: its calls, newest first, a page at a time (by time range and cursor), and
// its totals per tool and per day. Everything is `_id` lookups (usage-store.ts): the day roll-ups of the
// range, then the raw buckets a page needs. Another owner's budget id finds nothing: every roll-up and
// bucket carries its owner, checked here.
import type { Types } from "mongoose";
import { env } from "@/lib/env";
import { requireUser, type TActor } from "@/lib/services/actor";
import { ValidationError } from "@/lib/services/errors";
import { MAX_PAGE_SIZE, badCursor, pageSize } from "@/lib/services/paging";
import { daysBetween, loadBucket, loadDays, minuteStart } from "@/lib/services/usage/usage-store";
import type { TUsageTotals } from "@/models/usage-day";

/** One agent call, as the dashboard and GraphQL show it. */
export type TUsageView = {
  requestId: string;
  toolSlug: string;
  status: number;
  vendorStatus: number | null;
  errorCode: string | null;
  latencyMs: number;
  costCents: number;
  at: Date;
};

/** Longest range of totals (days): one roll-up lookup per day. */
export const MAX_TOTALS_DAYS = 366;

export type TUsageRange = { from?: Date | null; to?: Date | null };
export type TUsagePageInput = TUsageRange & { first?: number | null; after?: string | null };
export type TUsageEdge = { cursor: string; node: TUsageView };
export type TUsagePage = { edges: TUsageEdge[]; hasNextPage: boolean; endCursor: string | null; totalCount: number };

/** A call's place: the bucket (day, minute, k) and its index there. Opaque to callers. */
type TPosition = { day: string; minute: number; k: number; i: number };

const encodeCursor = (p: TPosition) => Buffer.from(`u1|${p.day}|${p.minute}|${p.k}|${p.i}`).toString("base64url");

function decodeCursor(cursor: string): TPosition {
  const parts = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const [tag, day, minute, k, i] = parts;
  const n = [minute, k, i].map(Number);
  if (parts.length !== 5 || tag !== "u1" || !/^\d{4}-\d{2}-\d{2}$/.test(day ?? "") || n.some((x) => !Number.isInteger(x) || x < 0)) throw badCursor();
  return { day: day!, minute: n[0]!, k: n[1]!, i: n[2]! };
}

/** The range, clamped to what raw records are kept for; from after to is a field error. */
function rawRange(range: TUsageRange, now: number): { from: number; to: number } {
  const kept = now - env().VAULTLINE_USAGE_RETENTION_DAYS * 86_400_000;
  const to = Math.min(range.to?.getTime() ?? now, now);
  const from = Math.max(range.from?.getTime() ?? kept, kept);
  if (range.from && range.to && range.from.getTime() > range.to.getTime()) throw new ValidationError("from is after to.", { from: ["must not be after to"] });
  return { from, to };
}

/**
 * The calls of one of the actor's budgets in a time range (default: all kept), newest first, `first`
 * after the cursor `after`. `totalCount` counts the range's calls (to the minute) from the roll-ups.
 */
export async function listUsage(actor: TActor, budgetId: Types.ObjectId, input: TUsagePageInput = {}, now = Date.now()): Promise<TUsagePage> {
  const { ownerId } = requireUser(actor);
  const first = pageSize(input.first, 20);
  const after = input.after ? decodeCursor(input.after) : null;
  const { from, to } = rawRange(input, now);
  const id = budgetId.toString();
  const empty = { edges: [], hasNextPage: false, endCursor: null, totalCount: 0 };
  if (from > to) return empty;
  const days = daysBetween(from, to);
  const rollups = (await loadDays(id, days)).map((d) => (d && d.ownerId.equals(ownerId) ? d : null));

  // Every bucket of the range, newest first, and the range's count.
  const positions: { day: string; minute: number; k: number }[] = [];
  let totalCount = 0;
  rollups.forEach((rollup, index) => {
    if (!rollup) return;
    const day = days[index]!;
    const minutes = Object.keys(rollup.minutes).map(Number).sort((a, b) => b - a);
    for (const minute of minutes) {
      const start = minuteStart(day, minute);
      if (start > to || start + 60_000 <= from) continue;
      const { k, n } = rollup.minutes[minute]!;
      totalCount += n;
      for (let j = k; j >= 0; j--) positions.push({ day, minute, k: j });
    }
  });
  const isOlder = (p: { day: string; minute: number; k: number }) =>
    !after || p.day < after.day || (p.day === after.day && (p.minute < after.minute || (p.minute === after.minute && p.k <= after.k)));

  const edges: TUsageEdge[] = [];
  let more = false;
  const pending = positions.filter(isOlder);
  // A few buckets at a time, in parallel: a busy budget fills a page from one, a quiet one needs several.
  for (let start = 0; start < pending.length && !more; start += 8) {
    const batch = pending.slice(start, start + 8);
    const buckets = await Promise.all(batch.map((p) => loadBucket(p.day, id, p.minute, p.k)));
    for (let b = 0; b < batch.length && !more; b++) {
      const bucket = buckets[b];
      if (!bucket || !bucket.ownerId.equals(ownerId)) continue;
      const p = batch[b]!;
      const c = bucket.calls;
      const top = after && p.day === after.day && p.minute === after.minute && p.k === after.k ? after.i - 1 : c.at.length - 1;
      for (let i = top; i >= 0; i--) {
        const at = c.at[i]!.getTime();
        if (at > to || at < from) continue;
        if (edges.length === first) {
          more = true;
          break;
        }
        edges.push({
          cursor: encodeCursor({ ...p, i }),
          node: {
            requestId: c.requestId[i]!,
            toolSlug: c.tool[i]!,
            status: c.status[i]!,
            vendorStatus: c.vendorStatus[i] ?? null,
            errorCode: c.errorCode[i] ?? null,
            latencyMs: c.latencyMs[i]!,
            costCents: c.costCents[i]!,
            at: c.at[i]!,
          },
        });
      }
    }
  }
  return { edges, hasNextPage: more, endCursor: edges.at(-1)?.cursor ?? null, totalCount };
}

/** The most recent calls of one of the actor's budgets, newest first. */
export async function listRecentUsage(actor: TActor, budgetId: Types.ObjectId, limit = 20): Promise<TUsageView[]> {
  const page = await listUsage(actor, budgetId, { first: Math.min(Math.max(limit, 1), MAX_PAGE_SIZE) });
  return page.edges.map((e) => e.node);
}

export type TToolTotals = TUsageTotals & { toolSlug: string };
export type TDayTotals = TUsageTotals & { day: string; tools: TToolTotals[] };
export type TUsageSummary = TUsageTotals & { from: string; to: string; byTool: TToolTotals[]; byDay: TDayTotals[] };

/**
 * Totals of one of the actor's budgets over whole UTC days (default: the last 30), from the daily
 * roll-ups (kept for good): per tool and per day, days without calls left out.
 */
export async function usageSummary(actor: TActor, budgetId: Types.ObjectId, range: TUsageRange = {}, now = Date.now()): Promise<TUsageSummary> {
  const { ownerId } = requireUser(actor);
  const to = range.to?.getTime() ?? now;
  const from = range.from?.getTime() ?? to - 29 * 86_400_000;
  if (from > to) throw new ValidationError("from is after to.", { from: ["must not be after to"] });
  const days = daysBetween(from, to);
  if (days.length > MAX_TOTALS_DAYS) throw new ValidationError(`A range of totals spans at most ${MAX_TOTALS_DAYS} days.`, { from: [`at most ${MAX_TOTALS_DAYS} days before to`] });
  const rollups = await loadDays(budgetId.toString(), days);
  const sum: TUsageTotals = { calls: 0, costCents: 0, errors: 0 };
  const byTool = new Map<string, TToolTotals>();
  const byDay: TDayTotals[] = [];
  for (const rollup of rollups) {
    if (!rollup || !rollup.ownerId.equals(ownerId)) continue;
    const tools = Object.entries(rollup.tools).map(([toolSlug, t]) => ({ toolSlug, calls: t.calls, costCents: t.costCents, errors: t.errors }));
    byDay.push({ day: rollup.day, calls: rollup.calls, costCents: rollup.costCents, errors: rollup.errors, tools });
    sum.calls += rollup.calls;
    sum.costCents += rollup.costCents;
    sum.errors += rollup.errors;
    for (const t of tools) {
      const acc = byTool.get(t.toolSlug) ?? { toolSlug: t.toolSlug, calls: 0, costCents: 0, errors: 0 };
      acc.calls += t.calls;
      acc.costCents += t.costCents;
      acc.errors += t.errors;
      byTool.set(t.toolSlug, acc);
    }
  }
  return { ...sum, from: days.at(-1)!, to: days[0]!, byTool: [...byTool.values()].sort((a, b) => b.costCents - a.costCents || a.toolSlug.localeCompare(b.toolSlug)), byDay };
}
