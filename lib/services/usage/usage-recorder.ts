// Usage records, spent totals, "last used" stamps and missing-credential warnings, written in batches
// off the invoke path: a call only appends to a queue in memory.
import { Types } from "mongoose";
import { UsageRecord, type TUsageRecord } from "@/models/usage-record";
import { Budget } from "@/models/budget";
import { Credential } from "@/models/credential";
import { BudgetKey } from "@/models/budget-key";
import { logger } from "@/lib/log/logger";
import { recordMissingCredential } from "@/lib/services/warnings/warnings.service";

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

/** Writes what is queued; also called at shutdown. A write that fails is logged and skipped. */
export function flushUsage(): Promise<void> {
  clearTimeout(state.timer);
  state.timer = undefined;
  const batch = state.queue.splice(0);
  // Flushes run one after another so that stamps and sums are applied in order.
  state.flushing = state.flushing.then(() => (batch.length ? write(batch) : undefined));
  return state.flushing;
}

async function write(batch: TUsage[]): Promise<void> {
  // Each write stands alone: a failed insert must not lose the spent totals, and so on.
  await attempt("usage records", () =>
    // The driver's insert, not mongoose's: records are built here field by field, and mongoose's
    // per-document casting of thousands of records a second would stall the gateway.
    UsageRecord.collection.insertMany(
      batch.map(({ keyHash: _k, limited: _l, ...u }) => ({
        ...u,
        ownerId: new Types.ObjectId(u.ownerId),
        budgetId: new Types.ObjectId(u.budgetId),
        credentialId: u.credentialId ? new Types.ObjectId(u.credentialId) : null,
      })),
      { ordered: false },
    ),
  );

  const sums = new Map<string, { spent: number; committed: number }>();
  const credentials = new Map<string, Date>();
  const keys = new Map<string, Date>();
  const missing = new Map<string, { ownerId: string; budgetId: string; toolSlug: string; count: number; at: Date }>();
  for (const u of batch) {
    const sum = sums.get(u.budgetId) ?? { spent: 0, committed: 0 };
    sum.spent += u.costCents;
    // A limited budget's slices already committed this cost; an unlimited one commits it here.
    if (!u.limited) sum.committed += u.costCents;
    sums.set(u.budgetId, sum);
    if (u.credentialId && u.vendorStatus !== null) credentials.set(u.credentialId, u.at);
    keys.set(u.keyHash, u.at);
    if (u.errorCode === "missing_credential") {
      const id = `${u.budgetId}:${u.toolSlug}`;
      const m = missing.get(id) ?? { ownerId: u.ownerId, budgetId: u.budgetId, toolSlug: u.toolSlug, count: 0, at: u.at };
      m.count += 1;
      m.at = u.at;
      missing.set(id, m);
    }
  }
  for (const [id, { spent, committed }] of sums) {
    if (spent === 0) continue;
    await attempt("budget spending", () =>
      Budget.updateOne({ _id: new Types.ObjectId(id) }, { $inc: { spentCents: spent, committedCents: committed } }, { timestamps: false }),
    );
  }
  for (const [id, at] of credentials) {
    await attempt("credential last use", () => Credential.updateOne({ _id: new Types.ObjectId(id) }, { $set: { lastUsedAt: at } }, { timestamps: false }));
  }
  for (const [hash, at] of keys) {
    await attempt("key last use", () => BudgetKey.updateOne({ _id: hash }, { $set: { lastUsedAt: at } }, { timestamps: false }));
  }
  for (const m of missing.values()) {
    await attempt("missing-credential warning", () =>
      recordMissingCredential(new Types.ObjectId(m.ownerId), new Types.ObjectId(m.budgetId), m.toolSlug, m.count, m.at),
    );
  }
}

async function attempt(what: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    logger.error({ err: error, what }, "could not write usage");
  }
}
