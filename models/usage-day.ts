import type { Types } from "mongoose";

// A budget's daily roll-up, kept for good (raw calls expire: usage-calls.ts). One collection per UTC day,
// `usage_days_YYYYMMDD`, `_id` the budget id: "spend by day" is one `_id` lookup per day, and each flush's
// upsert reads (FerretDB pushes down no update's filter) at most one document per budget active that day,
// the same order as the budget's own spent update.
// Each flush adds its calls once: the first insert names its write (`createdBy`), later upserts list theirs
// in `appliedOps` until done (lib/gateway/state/apply-once.ts's rule).
// `minutes` indexes the raw buckets: for each minute of the day with calls, `k` the highest bucket number
// written and `n` the calls (a time range's count needs no raw read).
export type TUsageTotals = { calls: number; costCents: number; errors: number };

export type TUsageDay = TUsageTotals & {
  _id: string;
  ownerId: Types.ObjectId;
  day: string;
  tools: Record<string, TUsageTotals>;
  minutes: Record<string, { k: number; n: number }>;
  createdBy?: string;
  appliedOps?: string[];
};

export const USAGE_DAYS_PREFIX = "usage_days_";

export function usageDaysCollection(day: string): string {
  return `${USAGE_DAYS_PREFIX}${day.replaceAll("-", "")}`;
}
