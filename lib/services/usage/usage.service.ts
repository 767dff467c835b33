import type { Types } from "mongoose";
import { UsageBucket } from "@/models/usage-bucket";
import { requireUser, type TActor } from "@/lib/services/actor";

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

const MAX_LIMIT = 100;

/** The most recent calls of one of the actor's budgets, newest first. */
export async function listRecentUsage(actor: TActor, budgetId: Types.ObjectId, limit = 20): Promise<TUsageView[]> {
  const { ownerId } = requireUser(actor);
  const wanted = Math.min(Math.max(limit, 1), MAX_LIMIT);
  // Every bucket holds at least one call, and a bucket holding one of the `wanted` newest calls ends no
  // earlier than it: so the `wanted` buckets that end last hold them all.
  const buckets = await UsageBucket.find({ ownerId, budgetId }).sort({ to: -1 }).limit(wanted).lean();
  const calls: TUsageView[] = [];
  for (const { toolSlug, calls: c } of buckets) {
    for (let i = 0; i < c.at.length; i++) {
      calls.push({
        requestId: c.requestId[i]!,
        toolSlug,
        status: c.status[i]!,
        vendorStatus: c.vendorStatus[i] ?? null,
        errorCode: c.errorCode[i] ?? null,
        latencyMs: c.latencyMs[i]!,
        costCents: c.costCents[i]!,
        at: c.at[i]!,
      });
    }
  }
  return calls.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, wanted);
}
