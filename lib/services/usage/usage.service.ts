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
import type { TUsageDay, TUsageTotals } from "@/models/usage-day";
import type { TUsageCallsBucket } from "@/models/usage-calls";

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
/** Which calls a page keeps: a tool, ok or failed calls, an error code, one request id. */
export type TUsageFilter = { toolSlug?: string | null; status?: "ok" | "error" | null; errorCode?: string | null; requestId?: string | null };
export type TUsagePageInput = TUsageRange & { first?: number | null; after?: string | null; filter?: TUsageFilter | null };

/**
 * How many raw buckets a filtered page reads at most. Days whose roll-up shows no call of the tool (or no
 * error) are skipped without reading a bucket; past the bound the page ends early, with a cursor that
 * goes on from the last bucket read, so a filter never scans all usage in one request.
 */
export const FILTER_SCAN_BUCKETS = 200;
export type TUsageEdge = { cursor: string; node: TUsageView };
/** A page of calls; `totalCount` reads the whole range's roll-ups, so it is asked for only when wanted. */
export type TUsagePage = { edges: TUsageEdge[]; hasNextPage: boolean; endCursor: string | null; totalCount: () => Promise<number> };

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

/** How many days' roll-ups a page reads at once, newest first: a busy budget's page needs only the first. */
const DAYS_AT_ONCE = 3;

/**
 * The calls of one of the actor's budgets in a time range (default: all kept), newest first, `first`
 * after the cursor `after`. Roll-ups are read a few days at a time, newest first, until the page is full;
 * `totalCount()` counts the range's calls (to the minute) from every day's roll-up, when asked for.
 */
export async function listUsage(actor: TActor, budgetId: Types.ObjectId, input: TUsagePageInput = {}, now = Date.now()): Promise<TUsagePage> {
  const { ownerId } = requireUser(actor);
  const first = pageSize(input.first, 20);
  const filter = activeFilter(input.filter);
  const after = input.after ? decodeCursor(input.after) : null;
  const { from, to } = rawRange(input, now);
  const id = budgetId.toString();
  if (from > to) return { edges: [], hasNextPage: false, endCursor: null, totalCount: async () => 0 };
  // The cursor's day and older: newer days hold nothing after it.
  const days = daysBetween(from, to).filter((day) => !after || day <= after.day);
  const allDays = daysBetween(from, to);
  const loaded = new Map<string, TUsageDay | null>();
  const rollupsOf = async (wanted: string[]) => {
    const missing = wanted.filter((d) => !loaded.has(d));
    const found = await loadDays(id, missing);
    missing.forEach((d, k) => loaded.set(d, found[k] && found[k]!.ownerId.equals(ownerId) ? found[k]! : null));
    return wanted.map((d) => loaded.get(d) ?? null);
  };
  const inRange = (day: string, minute: number) => {
    const start = minuteStart(day, minute);
    return start <= to && start + 60_000 > from;
  };
  const isOlder = (p: TPosition) =>
    !after || p.day < after.day || (p.day === after.day && (p.minute < after.minute || (p.minute === after.minute && p.k <= after.k)));

  const edges: TUsageEdge[] = [];
  let more = false;
  let scanned = 0;
  let resumeAt: TPosition | null = null;
  let lastRead: TPosition | null = null;
  for (let d = 0; d < days.length && !more; d += DAYS_AT_ONCE) {
    const chunk = days.slice(d, d + DAYS_AT_ONCE);
    const rollups = await rollupsOf(chunk);
    // This chunk's buckets, newest first.
    const positions: TPosition[] = [];
    rollups.forEach((rollup, index) => {
      if (!rollup || (filter && !dayMayMatch(rollup, filter))) return;
      const day = chunk[index]!;
      for (const minute of Object.keys(rollup.minutes).map(Number).sort((a, b) => b - a)) {
        if (!inRange(day, minute)) continue;
        for (let k = rollup.minutes[minute]!.k; k >= 0; k--) if (isOlder({ day, minute, k, i: 0 })) positions.push({ day, minute, k, i: 0 });
      }
    });
    // A few buckets at a time, in parallel: a busy budget fills a page from one, a quiet one needs several.
    for (let start = 0; start < positions.length && !more; start += 8) {
      if (filter && scanned >= FILTER_SCAN_BUCKETS) {
        // The bound: the next page goes on after the last bucket read.
        more = true;
        resumeAt = lastRead && { ...lastRead, i: 0 };
        break;
      }
      const batch = positions.slice(start, start + 8);
      scanned += batch.length;
      lastRead = batch.at(-1)!;
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
          if (filter && !callMatches(c, i, filter)) continue;
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
  }
  const totalCount = async () => {
    let n = 0;
    (await rollupsOf(allDays)).forEach((rollup, index) => {
      if (!rollup) return;
      for (const [minute, { n: calls }] of Object.entries(rollup.minutes)) if (inRange(allDays[index]!, Number(minute))) n += calls;
    });
    return n;
  };
  // A filtered page that ended at the bound goes on from there (it may have no calls itself).
  const endCursor = resumeAt ? encodeCursor(resumeAt) : (edges.at(-1)?.cursor ?? null);
  return { edges, hasNextPage: more, endCursor, totalCount };
}

/** The filter with its empty parts dropped, or null when nothing is filtered. */
function activeFilter(filter: TUsageFilter | null | undefined): TUsageFilter | null {
  if (!filter) return null;
  const out: TUsageFilter = {};
  if (filter.toolSlug?.trim()) out.toolSlug = filter.toolSlug.trim();
  if (filter.status === "ok" || filter.status === "error") out.status = filter.status;
  if (filter.errorCode?.trim()) out.errorCode = filter.errorCode.trim();
  if (filter.requestId?.trim()) out.requestId = filter.requestId.trim();
  return Object.keys(out).length ? out : null;
}

/** Whether a day's roll-up leaves room for a match: the tool was called, and errors happened if asked. */
function dayMayMatch(rollup: TUsageDay, filter: TUsageFilter): boolean {
  const tool = filter.toolSlug ? rollup.tools[filter.toolSlug] : null;
  if (filter.toolSlug && !tool) return false;
  const errors = tool ? tool.errors : rollup.errors;
  if ((filter.status === "error" || filter.errorCode) && errors === 0) return false;
  if (filter.status === "ok" && (tool ? tool.calls : rollup.calls) === errors) return false;
  return true;
}

function callMatches(c: TUsageCallsBucket["calls"], i: number, filter: TUsageFilter): boolean {
  if (filter.toolSlug && c.tool[i] !== filter.toolSlug) return false;
  const code = c.errorCode[i] ?? null;
  if (filter.status === "ok" && code !== null) return false;
  if (filter.status === "error" && code === null) return false;
  if (filter.errorCode && code !== filter.errorCode) return false;
  if (filter.requestId && c.requestId[i] !== filter.requestId) return false;
  return true;
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
