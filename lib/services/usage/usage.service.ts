import type { Types } from "mongoose";
import { UsageRecord, type TUsageRecord } from "@/models/usage-record";
import { requireUser, type TActor } from "@/lib/services/actor";

export type TUsageView = TUsageRecord & { _id: Types.ObjectId };

/** The most recent calls of one of the actor's budgets. */
export async function listRecentUsage(actor: TActor, budgetId: Types.ObjectId, limit = 20): Promise<TUsageView[]> {
  const { ownerId } = requireUser(actor);
  return UsageRecord.find({ ownerId, budgetId })
    .sort({ at: -1 })
    .limit(Math.min(Math.max(limit, 1), 100))
    .lean<TUsageView[]>();
}
