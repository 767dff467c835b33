// Money a gateway holds in budget slices comes back even when the gateway dies without returning it.
//
// Each gateway process keeps a lease (models/gateway-lease.ts): a heartbeat every few seconds, and the
// cents it holds per budget. The lease never says more than the gateway truly holds: it grows after a
// slice is reserved, and shrinks before money leaves the slice (spent by a usage flush, or given back).
// Every gateway, at start and twice per TTL, claims the leases not heard from for the TTL
// (VAULTLINE_GATEWAY_LEASE_TTL_MS) and gives what they held back to each budget, step by step so that a reclaimer dying half way leaves
// the rest to the next one and nothing is given back twice. A gateway that finds its own lease claimed
// (it was cut off for longer than the TTL) drops its slices, which the reclaimer gave back, and starts a
// new lease. At worst a crash strands a little money (the limit is reached early); it never overspends.
import { randomBytes } from "node:crypto";
import { Types } from "mongoose";
import { Budget } from "@/models/budget";
import { GatewayLease } from "@/models/gateway-lease";
import { incrementOnce } from "@/lib/gateway/state/apply-once";
import { env } from "@/lib/env";
import { SpendWindow } from "@/models/spend-window";
import { isWindowHold } from "@/lib/gateway/state/spend-windows";
import { isUnreachableError } from "@/lib/db/health";
import { logger } from "@/lib/log/logger";


type TState = { id: string; heartbeat?: NodeJS.Timeout; reclaimer?: NodeJS.Timeout; onLost: Set<() => void> };
const slot = Symbol.for("vaultline.gateway-leases");
const state: TState = ((globalThis as Record<symbol, TState>)[slot] ??= { id: newLeaseId(), onLost: new Set() });

function newLeaseId(): string {
  return `gw_${randomBytes(8).toString("hex")}`;
}

/** Starts this gateway's heartbeat and the reclaiming of dead gateways' leases (idempotent). */
export function startLeases(): void {
  if (state.heartbeat) return;
  // A beat well within the TTL; a look for dead leases twice per TTL, at most every 30 s.
  const ttl = env().VAULTLINE_GATEWAY_LEASE_TTL_MS;
  void heartbeat();
  void reclaimDeadLeases();
  state.heartbeat = setInterval(() => void heartbeat(), Math.min(5_000, ttl / 4)).unref();
  state.reclaimer = setInterval(() => void reclaimDeadLeases(), Math.min(30_000, ttl / 2)).unref();
}

/** At a clean stop, once every slice went back: nothing is left to reclaim. */
export async function endLease(): Promise<void> {
  clearInterval(state.heartbeat);
  clearInterval(state.reclaimer);
  await GatewayLease.deleteOne({ _id: state.id });
}

/** Called when this gateway's lease was reclaimed by another: its slices are no longer its own. */
export function onLeaseLost(listener: () => void): void {
  state.onLost.add(listener);
}

/** `cents` more held for a budget (call after reserving them). `opId` makes a retry harmless. */
export function holdMore(budgetId: string, cents: number, opId: string): Promise<void> {
  return incrementOnce(GatewayLease, state.id, opId, { [`held.${budgetId}`]: cents });
}

/** `cents` fewer held for a budget (call before they leave the slice). */
export function holdLess(budgetId: string, cents: number, opId: string): Promise<void> {
  return incrementOnce(GatewayLease, state.id, opId, { [`held.${budgetId}`]: -cents });
}

async function heartbeat(): Promise<void> {
  try {
    const { matchedCount } = await GatewayLease.updateOne({ _id: state.id, claimedBy: null }, { $set: { seenAt: new Date() } });
    if (matchedCount === 1) return;
    // A new lease (upsert would recreate one already claimed): created, or ours was reclaimed.
    const created = await GatewayLease.create({ _id: state.id, seenAt: new Date(), held: {} }).then(
      () => true,
      (error: { code?: number }) => (error.code === 11000 ? false : Promise.reject(error)),
    );
    if (created) return;
    logger.error({ lease: state.id }, "this gateway's lease was reclaimed while it was cut off: dropping its budget slices");
    state.id = newLeaseId();
    for (const listener of state.onLost) listener();
    await GatewayLease.create({ _id: state.id, seenAt: new Date(), held: {} });
  } catch {
    // The database is away: the next beat tries again (lib/db/health.ts logs the outage once).
  }
}

/** Gives back what the leases of dead gateways held. */
export async function reclaimDeadLeases(): Promise<void> {
  try {
    const cutoff = new Date(Date.now() - env().VAULTLINE_GATEWAY_LEASE_TTL_MS);
    const dead = await GatewayLease.find({ seenAt: { $lt: cutoff }, _id: { $ne: state.id } }, { _id: 1 }).lean();
    for (const { _id } of dead) {
      const claimed = await GatewayLease.findOneAndUpdate(
        { _id, seenAt: { $lt: cutoff }, $or: [{ claimedBy: null }, { claimedAt: { $lt: cutoff } }] },
        { $set: { claimedBy: state.id, claimedAt: new Date() } },
        { new: true },
      ).lean();
      if (claimed) await giveBackLease(claimed._id, claimed.held ?? {});
    }
  } catch (error) {
    // While the database is away this fails each time; lib/db/health.ts has said so once already.
    if (!isUnreachableError(error)) logger.warn({ err: error }, "could not reclaim dead gateways' leases; trying again later");
  }
}

async function giveBackLease(leaseId: string, held: Record<string, number>): Promise<void> {
  let returned = 0;
  for (const [budgetId, cents] of Object.entries(held)) {
    if (cents > 0 && Types.ObjectId.isValid(budgetId)) {
      const opId = `reclaim:${leaseId}:${budgetId}`;
      // Applied once (the op id stays on the budget until the lease is gone), then crossed off the lease.
      await Budget.updateOne({ _id: new Types.ObjectId(budgetId), appliedOps: { $ne: opId } }, { $inc: { committedCents: -cents }, $push: { appliedOps: opId } }, { timestamps: false });
      returned += cents;
    }
    // A spend window's hold (spend-windows.ts): the same, on its counter document.
    if (cents > 0 && isWindowHold(budgetId)) await incrementOnce(SpendWindow, budgetId, `reclaim:${leaseId}:${budgetId}`, { committedCents: -cents });
    await GatewayLease.updateOne({ _id: leaseId }, { $unset: { [`held.${budgetId}`]: "" } });
    if (cents > 0) await Budget.updateOne({ _id: new Types.ObjectId(budgetId) }, { $pull: { appliedOps: `reclaim:${leaseId}:${budgetId}` } }, { timestamps: false });
  }
  await GatewayLease.deleteOne({ _id: leaseId });
  logger.warn({ lease: leaseId, budgets: Object.keys(held).length, cents: returned }, "gave back the budget slices of a gateway that stopped without returning them");
}
