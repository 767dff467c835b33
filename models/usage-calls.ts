import type { Types } from "mongoose";

// Raw usage records: the calls of one budget during one flush of a gateway's usage recorder
// (lib/gateway/state/usage-recorder.ts), in one document with the calls as columns (MongoDB's bucket
// pattern: on the local database a call stored this way costs about a sixth of a document per call).
//
// One collection per UTC day, `usage_calls_YYYYMMDD`, and a natural `_id` `<budgetId>:<minute of the
// day>:<k>` (k = 0, 1, ... within the minute), so that:
// - a budget's recent calls are found by `_id` lookups alone: the day's roll-up (usage-day.ts) lists, per
//   minute, the highest k written (FerretDB pushes down only a find's `_id` equality, and a sort over
//   every call took 9.7 s at 400,000 calls);
// - retention drops whole days' collections (about 12 ms whatever their size): FerretDB pushes down no
//   delete's or update's filter, even by `_id` (measured on 50,000 documents: 83 ms a delete and 92 ms an
//   update by `_id`, against 0.9 ms a find by `_id` and 1.6 ms an insert).
// Written and read with the driver (lib/services/usage/usage-store.ts): the gateway builds these
// documents field by field, and mongoose's casting of every column entry would cost more than the batch.
export const USAGE_CALLS_PREFIX = "usage_calls_";

/** The columns, index by index: call i is at[i], tool[i], status[i], and so on, oldest first. */
export type TUsageColumns = {
  at: Date[];
  tool: string[];
  // The status the agent got, and the vendor's when the vendor answered (else null).
  status: number[];
  vendorStatus: (number | null)[];
  errorCode: (string | null)[];
  latencyMs: number[];
  costCents: number[];
  requestId: string[];
};

export type TUsageCallsBucket = {
  _id: string;
  ownerId: Types.ObjectId;
  budgetId: Types.ObjectId;
  /** The write that made it: a retried insert that finds its own document knows it landed. */
  writeId: string;
  calls: TUsageColumns;
};

/** `YYYY-MM-DD` of a time, in UTC. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function usageCallsCollection(day: string): string {
  return `${USAGE_CALLS_PREFIX}${day.replaceAll("-", "")}`;
}

/** The day (YYYY-MM-DD) a raw collection holds, or null for another name. */
export function dayOfUsageCollection(name: string): string | null {
  const m = /^usage_calls_(\d{4})(\d{2})(\d{2})$/.exec(name);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

export function usageBucketId(budgetId: string, minuteOfDay: number, k: number): string {
  return `${budgetId}:${minuteOfDay}:${k}`;
}
