// Usage records, spent totals, "last used" stamps and missing-credential warnings, written in batches
// off the invoke path. A call appends its figures to the open bucket of its call plan (one budget key,
// one tool): a few array pushes, no object per call. Every FLUSH_EVERY_MS, or at FLUSH_AT_CALLS, each
// open bucket becomes one usage_buckets document (models/usage-bucket.ts), and each touched budget,
// credential and key gets one update. A flush has a fixed cost (about 7 ms of the gateway's time, as it
// runs too rarely for its code to be optimized), so under load it runs once a second, not every 500 calls.
import { Types } from "mongoose";
import { UsageBucket, type TUsageBucket, type TUsageColumns } from "@/models/usage-bucket";
import { Budget } from "@/models/budget";
import { Credential } from "@/models/credential";
import { BudgetKey } from "@/models/budget-key";
import { logger } from "@/lib/log/logger";
import { recordMissingCredential } from "@/lib/services/warnings/warnings.service";
import type { TCallPlan } from "@/lib/services/invoke/invoke.service";

const FLUSH_EVERY_MS = 1_000;
const FLUSH_AT_CALLS = 10_000;

/** One call's figures. */
export type TCallUsage = {
  status: number;
  vendorStatus: number | null;
  errorCode: string | null;
  latencyMs: number;
  costCents: number;
  /** Budgets without a limit take no slices (spend-slices.ts), so their spending is committed here. */
  limited: boolean;
  requestId: string;
};

// Times as numbers until written: an array of numbers holds them unboxed, with nothing for the GC to trace.
type TOpenColumns = Omit<TUsageColumns, "at"> & { at: number[] };

type TOpenBucket = {
  plan: TCallPlan;
  calls: TOpenColumns;
  spentCents: number;
  committedCents: number;
  /** The last call that reached the vendor, i.e. used the credential. */
  lastVendorCallAt: number | null;
  missingCredential: number;
};

type State = { open: Map<TCallPlan, TOpenBucket>; calls: number; timer?: NodeJS.Timeout; flushing: Promise<void> };
const slot = Symbol.for("vaultline.usage-recorder");
const state: State = ((globalThis as Record<symbol, State>)[slot] ??= { open: new Map(), calls: 0, flushing: Promise.resolve() });

export function recordUsage(plan: TCallPlan, usage: TCallUsage): void {
  const at = Date.now();
  let bucket = state.open.get(plan);
  if (!bucket) {
    const calls: TOpenColumns = { at: [], status: [], vendorStatus: [], errorCode: [], latencyMs: [], costCents: [], requestId: [] };
    bucket = { plan, calls, spentCents: 0, committedCents: 0, lastVendorCallAt: null, missingCredential: 0 };
    state.open.set(plan, bucket);
  }
  const { calls } = bucket;
  calls.at.push(at);
  calls.status.push(usage.status);
  calls.vendorStatus.push(usage.vendorStatus);
  calls.errorCode.push(usage.errorCode);
  calls.latencyMs.push(usage.latencyMs);
  calls.costCents.push(usage.costCents);
  calls.requestId.push(usage.requestId);
  bucket.spentCents += usage.costCents;
  // A limited budget's slices already committed this cost; an unlimited one commits it here.
  if (!usage.limited) bucket.committedCents += usage.costCents;
  if (usage.vendorStatus !== null) bucket.lastVendorCallAt = at;
  if (usage.errorCode === "missing_credential") bucket.missingCredential += 1;

  if (++state.calls >= FLUSH_AT_CALLS) void flushUsage();
  else state.timer ??= setTimeout(() => void flushUsage(), FLUSH_EVERY_MS).unref();
}

/** Writes what is open; also called at shutdown. A write that fails is logged and skipped. */
export function flushUsage(): Promise<void> {
  clearTimeout(state.timer);
  state.timer = undefined;
  const batch = [...state.open.values()];
  state.open.clear();
  state.calls = 0;
  // Flushes run one after another so that stamps and sums are applied in order.
  state.flushing = state.flushing.then(() => (batch.length ? write(batch) : undefined));
  return state.flushing;
}

async function write(batch: TOpenBucket[]): Promise<void> {
  // Each write stands alone: a failed insert must not lose the spent totals, and so on.
  await attempt("usage records", () =>
    // The driver's insert, not mongoose's: the documents are built here field by field, and casting
    // every column entry on the way would cost the gateway more than the rest of this batch.
    UsageBucket.collection.insertMany(
      batch.map(({ plan, calls }): TUsageBucket => ({
        ownerId: plan.actor.ownerId,
        budgetId: new Types.ObjectId(plan.actor.budgetId),
        toolSlug: plan.toolSlug,
        credentialId: plan.credentialId ? new Types.ObjectId(plan.credentialId) : null,
        from: new Date(calls.at[0]!),
        to: new Date(calls.at.at(-1)!),
        calls: { ...calls, at: calls.at.map((t) => new Date(t)) },
      })),
      { ordered: false },
    ),
  );

  const sums = new Map<string, { spent: number; committed: number }>();
  const credentials = new Map<string, Date>();
  const keys = new Map<string, Date>();
  for (const bucket of batch) {
    const { budgetId, keyHash } = bucket.plan.actor;
    const sum = sums.get(budgetId) ?? { spent: 0, committed: 0 };
    sum.spent += bucket.spentCents;
    sum.committed += bucket.committedCents;
    sums.set(budgetId, sum);
    if (bucket.plan.credentialId && bucket.lastVendorCallAt) credentials.set(bucket.plan.credentialId, new Date(bucket.lastVendorCallAt));
    keys.set(keyHash, new Date(bucket.calls.at.at(-1)!));
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
  for (const { plan, missingCredential, calls } of batch) {
    if (missingCredential === 0) continue;
    const { ownerId, budgetId } = plan.actor;
    await attempt("missing-credential warning", () =>
      recordMissingCredential(ownerId, new Types.ObjectId(budgetId), plan.toolSlug, missingCredential, new Date(calls.at.at(-1)!)),
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
