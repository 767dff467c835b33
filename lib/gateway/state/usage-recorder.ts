// Usage records, spent totals, "last used" stamps and missing-credential warnings, written in batches
// off the invoke path. A call appends its figures to the open bucket of its call plan (one budget key,
// one tool): a few array pushes, no object per call. Every FLUSH_EVERY_MS, or at FLUSH_AT_CALLS, the open
// buckets of each budget become one raw bucket per minute and an upsert of the budget's day roll-up
// (lib/services/usage/usage-store.ts), and each touched budget, credential and key gets one update, each
// retried until written and counted once (write()). A flush has a fixed cost (about 7 ms of the gateway's time, as it
// runs too rarely for its code to be optimized), so under load it runs once a second, not every 500 calls.
import { randomUUID } from "node:crypto";
import { Types } from "mongoose";
import { prepareUsageWrite, storeUsage, type TBudgetCalls, type TOpenColumns } from "@/lib/services/usage/usage-store";
import { Budget } from "@/models/budget";
import { Credential } from "@/models/credential";
import { BudgetKey } from "@/models/budget-key";
import { incrementOnce } from "@/lib/gateway/state/apply-once";
import { holdLess } from "@/lib/gateway/state/gateway-leases";
import { writeSurely } from "@/lib/gateway/state/write-retry";
import { gauge } from "@/lib/gateway/metrics";
import { recordCredentialRejected, recordMissingCredential } from "@/lib/services/warnings/warnings.service";
import { countSecretUse } from "@/lib/gateway/state/secret-use";
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
// The tool is the plan's: its column is filled when the budget's plans are merged for writing.
type TPlanColumns = Omit<TOpenColumns, "tool">;

type TOpenBucket = {
  plan: TCallPlan;
  calls: TPlanColumns;
  spentCents: number;
  committedCents: number;
  /** The last call that reached the vendor, i.e. used the credential. */
  lastVendorCallAt: number | null;
  missingCredential: number;
  rejected: number;
};

type State = { open: Map<TCallPlan, TOpenBucket>; calls: number; timer?: NodeJS.Timeout; flushing: Promise<void> };
const slot = Symbol.for("vaultline.usage-recorder");
const state: State = ((globalThis as Record<symbol, State>)[slot] ??= { open: new Map(), calls: 0, flushing: Promise.resolve() });

gauge("vaultline_usage_open_calls", "Calls recorded in memory and not yet flushed to the database.", () => state.calls);

export function recordUsage(plan: TCallPlan, usage: TCallUsage): void {
  const at = Date.now();
  let bucket = state.open.get(plan);
  if (!bucket) {
    const calls: TPlanColumns = { at: [], status: [], vendorStatus: [], errorCode: [], latencyMs: [], costCents: [], requestId: [] };
    bucket = { plan, calls, spentCents: 0, committedCents: 0, lastVendorCallAt: null, missingCredential: 0, rejected: 0 };
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
  // The vendor refused the injected credential: one warning for it (not one per call), written with the batch.
  if ((usage.vendorStatus === 401 || usage.vendorStatus === 403) && plan.credentialId) bucket.rejected += 1;

  if (++state.calls >= FLUSH_AT_CALLS) void flushUsage();
  else state.timer ??= setTimeout(() => void flushUsage(), FLUSH_EVERY_MS).unref();
}

/** Writes what is open (or queues it for a retry while the database is away); also called at shutdown. */
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

/**
 * Queues the writes of one flush. Each is retried until written (write-retry.ts) and counts once: the
 * buckets carry their _id and the flush's id from here, so an insert that was applied before its answer
 * was lost is found as this flush's the second time, and the roll-ups and spent totals count each flush
 * once (apply-once.ts's rule); last-use stamps only move forward ($max).
 */
async function write(batch: TOpenBucket[]): Promise<void> {
  const flushId = randomUUID();
  // Prepared once (bucket numbers chosen), so that a retry writes the same documents.
  const prepared = prepareUsageWrite(byBudget(batch), flushId);
  const pending = writeSurely("usage records", () => storeUsage(prepared));

  const sums = new Map<string, { spent: number; committed: number }>();
  const credentials = new Map<string, Date>();
  const keys = new Map<string, Date>();
  for (const bucket of batch) {
    const { budgetId, keyHash } = bucket.plan.actor;
    const sum = sums.get(budgetId) ?? { spent: 0, committed: 0 };
    sum.spent += bucket.spentCents;
    sum.committed += bucket.committedCents;
    sums.set(budgetId, sum);
    if (bucket.plan.credentialId && bucket.lastVendorCallAt) {
      credentials.set(bucket.plan.credentialId, new Date(bucket.lastVendorCallAt));
      // The calls that reached the vendor are the ones the credential served (the audit trail's secret use).
      const { actor, toolSlug, credentialId } = bucket.plan;
      const served = bucket.calls.vendorStatus.reduce<number>((n, v) => (v === null ? n : n + 1), 0);
      countSecretUse({ ownerId: actor.ownerId, credentialId, keyId: actor.keyId, budgetId: actor.budgetId, tool: toolSlug, calls: served, from: bucket.calls.at[0]!, to: bucket.lastVendorCallAt });
    }
    keys.set(keyHash, new Date(bucket.calls.at.at(-1)!));
  }
  const writes = [pending];
  for (const [id, { spent, committed }] of sums) {
    if (spent === 0) continue;
    const opId = `spent:${flushId}:${id}`;
    // What limited calls spent came from this gateway's slices: off its lease first (gateway-leases.ts).
    const fromSlices = spent - committed;
    writes.push(
      writeSurely("budget spending", async () => {
        if (fromSlices > 0) await holdLess(id, fromSlices, `${opId}:lease`);
        await incrementOnce(Budget, new Types.ObjectId(id), opId, { spentCents: spent, committedCents: committed });
      }),
    );
  }
  for (const [id, at] of credentials) {
    writes.push(writeSurely("credential last use", async () => void (await Credential.updateOne({ _id: new Types.ObjectId(id) }, { $max: { lastUsedAt: at } }, { timestamps: false }))));
  }
  for (const [hash, at] of keys) {
    writes.push(writeSurely("key last use", async () => void (await BudgetKey.updateOne({ _id: hash }, { $max: { lastUsedAt: at } }, { timestamps: false }))));
  }
  for (const { plan, missingCredential, calls } of batch) {
    if (missingCredential === 0) continue;
    const { ownerId, budgetId } = plan.actor;
    const at = new Date(calls.at.at(-1)!);
    writes.push(writeSurely("missing-credential warning", () => recordMissingCredential(ownerId, new Types.ObjectId(budgetId), plan.toolSlug, missingCredential, at)));
  }
  for (const { plan, rejected, calls } of batch) {
    if (rejected === 0 || !plan.credentialId) continue;
    const at = new Date(calls.at.at(-1)!);
    const credentialId = plan.credentialId;
    writes.push(writeSurely("credential-rejected warning", () => recordCredentialRejected(plan.actor.ownerId, new Types.ObjectId(credentialId), rejected, at)));
  }
  await Promise.all(writes);
}

/** The open buckets merged per budget, calls in time order, each with its tool. */
function byBudget(batch: TOpenBucket[]): TBudgetCalls[] {
  const budgets = new Map<string, { ownerId: Types.ObjectId; rows: { plan: TCallPlan; calls: TPlanColumns; i: number }[] }>();
  for (const { plan, calls } of batch) {
    const entry = budgets.get(plan.actor.budgetId) ?? { ownerId: plan.actor.ownerId, rows: [] };
    for (let i = 0; i < calls.at.length; i++) entry.rows.push({ plan, calls, i });
    budgets.set(plan.actor.budgetId, entry);
  }
  return [...budgets].map(([budgetId, { ownerId, rows }]) => {
    rows.sort((a, b) => a.calls.at[a.i]! - b.calls.at[b.i]!);
    const calls: TOpenColumns = { at: [], tool: [], status: [], vendorStatus: [], errorCode: [], latencyMs: [], costCents: [], requestId: [] };
    for (const { plan, calls: c, i } of rows) {
      calls.at.push(c.at[i]!);
      calls.tool.push(plan.toolSlug);
      calls.status.push(c.status[i]!);
      calls.vendorStatus.push(c.vendorStatus[i] ?? null);
      calls.errorCode.push(c.errorCode[i] ?? null);
      calls.latencyMs.push(c.latencyMs[i]!);
      calls.costCents.push(c.costCents[i]!);
      calls.requestId.push(c.requestId[i]!);
    }
    return { ownerId, budgetId, calls };
  });
}
