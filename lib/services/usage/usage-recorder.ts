// Usage records and "last used" stamps, written in batches off the invoke path: a call only appends to
// a queue in memory. Also where the spent amount of each budget is added up.
import { Types } from "mongoose";
import { UsageRecord, type TUsageRecord } from "@/models/usage-record";
import { Budget } from "@/models/budget";
import { Credential } from "@/models/credential";
import { BudgetKey } from "@/models/budget-key";
import { logger } from "@/lib/log/logger";

const FLUSH_EVERY_MS = 250;
const FLUSH_AT_RECORDS = 500;

export type TUsage = Omit<TUsageRecord, "ownerId" | "budgetId" | "credentialId"> & {
  ownerId: string;
  budgetId: string;
  credentialId: string | null;
  keyHash: string;
  /** Budgets without a limit take no slices, so their spending is committed here. */
  limited: boolean;
};

type State = { queue: TUsage[]; timer?: NodeJS.Timeout; flushing: Promise<void> };
const slot = Symbol.for("vaultline.usage-recorder");
const state: State = ((globalThis as Record<symbol, State>)[slot] ??= { queue: [], flushing: Promise.resolve() });

export function recordUsage(usage: TUsage): void {
  state.queue.push(usage);
  if (state.queue.length >= FLUSH_AT_RECORDS) void flushUsage();
  else state.timer ??= setTimeout(() => void flushUsage(), FLUSH_EVERY_MS).unref();
}

/** Writes what is queued; also called at shutdown. Failures are logged and the batch is dropped. */
export function flushUsage(): Promise<void> {
  clearTimeout(state.timer);
  state.timer = undefined;
  const batch = state.queue.splice(0);
  // Flushes run one after another so that stamps and sums are applied in order.
  state.flushing = state.flushing.then(() => (batch.length ? write(batch) : undefined));
  return state.flushing;
}

async function write(batch: TUsage[]): Promise<void> {
  try {
    // The driver's insert, not mongoose's: records are built here field by field, and mongoose's
    // per-document casting of thousands of records a second would stall the gateway.
    await UsageRecord.collection.insertMany(
      batch.map(({ keyHash: _k, limited: _l, ...u }) => ({
        ...u,
        ownerId: new Types.ObjectId(u.ownerId),
        budgetId: new Types.ObjectId(u.budgetId),
        credentialId: u.credentialId ? new Types.ObjectId(u.credentialId) : null,
      })),
      { ordered: false },
    );
    const spent = new Map<string, { cents: number; limited: boolean }>();
    const credentials = new Map<string, Date>();
    const keys = new Map<string, Date>();
    for (const u of batch) {
      const s = spent.get(u.budgetId) ?? { cents: 0, limited: u.limited };
      s.cents += u.costCents;
      spent.set(u.budgetId, s);
      if (u.credentialId && u.vendorStatus !== null) credentials.set(u.credentialId, u.at);
      keys.set(u.keyHash, u.at);
    }
    for (const [id, { cents, limited }] of spent) {
      if (cents === 0) continue;
      await Budget.updateOne(
        { _id: new Types.ObjectId(id) },
        { $inc: limited ? { spentCents: cents } : { spentCents: cents, committedCents: cents } },
        { timestamps: false },
      );
    }
    for (const [id, at] of credentials) await Credential.updateOne({ _id: new Types.ObjectId(id) }, { $set: { lastUsedAt: at } }, { timestamps: false });
    for (const [hash, at] of keys) await BudgetKey.updateOne({ _id: hash }, { $set: { lastUsedAt: at } }, { timestamps: false });
  } catch (error) {
    logger.error({ err: error, records: batch.length }, "could not write usage records");
  }
}
