// Where usage lives (models/usage-calls.ts, models/usage-day.ts) and the only code that reads or writes
// it: raw calls in buckets of one budget and one minute, a roll-up per budget and day indexing them, and
// the retention sweep. Every read is an `_id` lookup; every write an insert, or an upsert of a roll-up in
// its day's collection (at most one document per budget active that day). The writer is the gateway's
// usage recorder, and `npm run bench:data` seeds through it.
import { randomUUID } from "node:crypto";
import type { Collection, Db } from "mongodb";
import { Types } from "mongoose";
import { connectDb } from "@/lib/db/connection";
import {
  dayOfUsageCollection,
  usageBucketId,
  usageCallsCollection,
  utcDay,
  type TUsageCallsBucket,
  type TUsageColumns,
} from "@/models/usage-calls";
import { usageDaysCollection, type TUsageDay, type TUsageTotals } from "@/models/usage-day";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Calls as the recorder holds them: times as numbers, oldest first. */
export type TOpenColumns = Omit<TUsageColumns, "at"> & { at: number[] };

export type TBudgetCalls = { ownerId: Types.ObjectId; budgetId: string; calls: TOpenColumns };

/** One raw bucket to write: one budget's calls of one minute. `k` is fixed once chosen, so a retry reuses it. */
type TPart = { ownerId: Types.ObjectId; budgetId: string; day: string; minute: number; k: number; calls: TOpenColumns };

/**
 * A batch prepared once and written (perhaps retried) as a whole; each retry counts once. `applied` lists
 * the roll-ups known to hold this write, so that a retry after a later step failed leaves them alone.
 */
export type TUsageWrite = { writeId: string; parts: TPart[]; applied: Set<string> };

// The next bucket number per budget and minute, in this process. Another gateway writing the same
// minute makes an insert collide; the collision moves k past what the roll-up says (resolveCollision).
const slot = Symbol.for("vaultline.usage-store");
const lastK: Map<string, number> = ((globalThis as Record<symbol, Map<string, number>>)[slot] ??= new Map());

function nextK(budgetId: string, day: string, minute: number): number {
  if (lastK.size > 50_000) lastK.clear(); // only the current minute matters for the live recorder
  const key = `${budgetId}:${day}:${minute}`;
  const k = (lastK.get(key) ?? -1) + 1;
  lastK.set(key, k);
  return k;
}

function emptyColumns(): TOpenColumns {
  return { at: [], tool: [], status: [], vendorStatus: [], errorCode: [], latencyMs: [], costCents: [], requestId: [] };
}

/** Splits budgets' calls into minute buckets and numbers them. */
export function prepareUsageWrite(batch: TBudgetCalls[], writeId: string = randomUUID()): TUsageWrite {
  const parts: TPart[] = [];
  for (const { ownerId, budgetId, calls } of batch) {
    let part: TPart | null = null;
    for (let i = 0; i < calls.at.length; i++) {
      const at = calls.at[i]!;
      const day = utcDay(at);
      const minute = Math.floor((at % DAY_MS) / MINUTE_MS);
      if (!part || part.day !== day || part.minute !== minute) {
        part = { ownerId, budgetId, day, minute, k: nextK(budgetId, day, minute), calls: emptyColumns() };
        parts.push(part);
      }
      const c = part.calls;
      c.at.push(at);
      c.tool.push(calls.tool[i]!);
      c.status.push(calls.status[i]!);
      c.vendorStatus.push(calls.vendorStatus[i] ?? null);
      c.errorCode.push(calls.errorCode[i] ?? null);
      c.latencyMs.push(calls.latencyMs[i]!);
      c.costCents.push(calls.costCents[i]!);
      c.requestId.push(calls.requestId[i]!);
    }
  }
  return { writeId, parts, applied: new Set() };
}

async function database(): Promise<Db> {
  return (await connectDb()).connection.db!;
}

const isDuplicate = (error: unknown) => (error as { code?: number }).code === 11000;

function bucketDoc(write: TUsageWrite, part: TPart): TUsageCallsBucket {
  const { ownerId, budgetId, minute, k, calls } = part;
  return {
    _id: usageBucketId(budgetId, minute, k),
    ownerId,
    budgetId: new Types.ObjectId(budgetId),
    writeId: write.writeId,
    calls: { ...calls, at: calls.at.map((t) => new Date(t)) },
  };
}

/**
 * Writes a prepared batch: the raw buckets, then each budget's roll-up of each day. Idempotent: a bucket
 * found with this write's id landed before; a roll-up counts each write once. Retry it whole on failure.
 */
export async function storeUsage(write: TUsageWrite): Promise<void> {
  if (write.parts.length === 0) return;
  const db = await database();
  const byDay = new Map<string, TPart[]>();
  for (const part of write.parts) byDay.set(part.day, [...(byDay.get(part.day) ?? []), part]);

  for (const [day, parts] of byDay) {
    const raw = db.collection<TUsageCallsBucket>(usageCallsCollection(day));
    let failed: number[] = [];
    try {
      await raw.insertMany(parts.map((p) => bucketDoc(write, p)), { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { index: number; code?: number }[] }).writeErrors;
      if (!(writeErrors?.length && writeErrors.every((e) => e.code === 11000)) && !isDuplicate(error)) throw error;
      failed = writeErrors?.map((e) => e.index) ?? parts.map((_, i) => i);
    }
    for (const index of failed) await resolveCollision(db, raw, write, parts[index]!);
  }

  const rollups = new Map<string, TPart[]>();
  for (const part of write.parts) {
    const key = `${part.budgetId}|${part.day}`;
    rollups.set(key, [...(rollups.get(key) ?? []), part]);
  }
  for (const parts of rollups.values()) await addToDay(db, write, parts);
}

/** A bucket's _id was taken: by this write's earlier try (done), or by another gateway (next free k). */
async function resolveCollision(db: Db, raw: Collection<TUsageCallsBucket>, write: TUsageWrite, part: TPart): Promise<void> {
  const days = db.collection<TUsageDay>(usageDaysCollection(part.day));
  for (let tries = 0; tries < 1_000; tries++) {
    const existing = await raw.findOne({ _id: usageBucketId(part.budgetId, part.minute, part.k) }, { projection: { writeId: 1 } });
    if (existing?.writeId === write.writeId) return;
    const rollup = await days.findOne({ _id: part.budgetId }, { projection: { minutes: 1 } });
    part.k = Math.max(part.k + 1, (rollup?.minutes?.[part.minute]?.k ?? -1) + 1);
    lastK.set(`${part.budgetId}:${part.day}:${part.minute}`, part.k);
    try {
      await raw.insertOne(bucketDoc(write, part));
      return;
    } catch (error) {
      if (!isDuplicate(error)) throw error;
    }
  }
  throw new Error("no free usage bucket number in this minute");
}

const addTotals = (t: TUsageTotals, calls: number, costCents: number, errors: number) => {
  t.calls += calls;
  t.costCents += costCents;
  t.errors += errors;
};
const zero = (): TUsageTotals => ({ calls: 0, costCents: 0, errors: 0 });

/** Adds one budget's parts of one day to its roll-up, once per write. */
async function addToDay(db: Db, write: TUsageWrite, parts: TPart[]): Promise<void> {
  const { budgetId, ownerId, day } = parts[0]!;
  const opId = `${write.writeId}:${budgetId}:${day}`;
  const days = db.collection<TUsageDay>(usageDaysCollection(day));
  if (write.applied.has(opId)) {
    // Applied by an earlier try; only the op id may still be listed.
    await days.updateOne({ _id: budgetId }, { $pull: { appliedOps: opId } });
    return;
  }
  const totals = zero();
  const tools: Record<string, TUsageTotals> = {};
  const minutes: Record<string, { k: number; n: number }> = {};
  for (const { minute, k, calls } of parts) {
    const m = (minutes[minute] ??= { k, n: 0 });
    m.k = Math.max(m.k, k);
    m.n += calls.at.length;
    for (let i = 0; i < calls.at.length; i++) {
      const error = calls.errorCode[i] === null ? 0 : 1;
      addTotals(totals, 1, calls.costCents[i]!, error);
      addTotals((tools[calls.tool[i]!] ??= zero()), 1, calls.costCents[i]!, error);
    }
  }
  // The day's first write for this budget inserts (constant cost); the rest update it.
  try {
    await days.insertOne({ _id: budgetId, ownerId, day, ...totals, tools, minutes, createdBy: opId, appliedOps: [] });
    write.applied.add(opId);
    return;
  } catch (error) {
    if (!isDuplicate(error)) throw error;
  }
  const existing = await days.findOne({ _id: budgetId }, { projection: { createdBy: 1 } });
  if (existing?.createdBy === opId) return void write.applied.add(opId); // this write's insert landed before
  const inc: Record<string, number> = { calls: totals.calls, costCents: totals.costCents, errors: totals.errors };
  for (const [tool, t] of Object.entries(tools)) {
    inc[`tools.${tool}.calls`] = t.calls;
    inc[`tools.${tool}.costCents`] = t.costCents;
    inc[`tools.${tool}.errors`] = t.errors;
  }
  const max: Record<string, number> = {};
  for (const [minute, { k, n }] of Object.entries(minutes)) {
    inc[`minutes.${minute}.n`] = n;
    max[`minutes.${minute}.k`] = k;
  }
  // Applies only where the op is not listed yet: a retry after a lost answer finds it and changes nothing.
  await days.updateOne({ _id: budgetId, appliedOps: { $ne: opId } }, { $inc: inc, $max: max, $push: { appliedOps: opId } });
  write.applied.add(opId);
  await days.updateOne({ _id: budgetId }, { $pull: { appliedOps: opId } });
}

// ---- Reading ----------------------------------------------------------------------------------------

/** The `YYYY-MM-DD` days from `from` to `to` (inclusive, UTC), newest first. */
export function daysBetween(fromMs: number, toMs: number): string[] {
  const days: string[] = [];
  for (let t = Math.floor(toMs / DAY_MS) * DAY_MS; t >= Math.floor(fromMs / DAY_MS) * DAY_MS; t -= DAY_MS) days.push(utcDay(t));
  return days;
}

/** A budget's roll-ups of those days (null where it made no call), each one `_id` lookup, in parallel. */
export async function loadDays(budgetId: string, days: string[]): Promise<(TUsageDay | null)[]> {
  const db = await database();
  return Promise.all(days.map((day) => db.collection<TUsageDay>(usageDaysCollection(day)).findOne({ _id: budgetId }, { projection: { appliedOps: 0, createdBy: 0 } })));
}

/** One raw bucket by its position, or null (expired, or never written). */
export async function loadBucket(day: string, budgetId: string, minute: number, k: number): Promise<TUsageCallsBucket | null> {
  const db = await database();
  return db.collection<TUsageCallsBucket>(usageCallsCollection(day)).findOne({ _id: usageBucketId(budgetId, minute, k) });
}

/** The start of a UTC day and minute, in ms. */
export function minuteStart(day: string, minute: number): number {
  return Date.parse(`${day}T00:00:00.000Z`) + minute * MINUTE_MS;
}

// ---- Retention --------------------------------------------------------------------------------------

/**
 * Drops the raw collections of days before `retentionDays` ago (UTC), one day at a time; roll-ups stay.
 * Returns the days dropped. Safe to run from several gateways at once (a drop of a dropped day is nothing).
 */
export async function dropExpiredRawUsage(retentionDays: number, now = Date.now()): Promise<string[]> {
  const db = await database();
  const oldestKept = utcDay(now - retentionDays * DAY_MS);
  const names = await db.listCollections({}, { nameOnly: true }).toArray();
  const expired = names.map((c) => dayOfUsageCollection(c.name)).filter((d): d is string => d !== null && d < oldestKept).sort();
  for (const day of expired) {
    try {
      await db.collection(usageCallsCollection(day)).drop();
    } catch (error) {
      if ((error as { code?: number }).code !== 26) throw error; // NamespaceNotFound: another gateway was first
    }
  }
  return expired;
}
