// Warnings: things a person must fix for agents to work, today "this budget calls a tool that has no
// credential bound". Recorded by the invoke path, listed in the dashboard and GraphQL, cleared by the fix.
import type { Types } from "mongoose";
import { Warning, warningId, type TWarning } from "@/models/warning";
import { env } from "@/lib/env";
import { requireUser, type TActor } from "@/lib/services/actor";

export type TWarningRecord = TWarning & { _id: string };

/** The dashboard link that opens the credential form for this tool and binds the result to this budget. */
export function setupUrl(budgetId: string, toolSlug: string): string {
  const params = new URLSearchParams({ tool: toolSlug, budget: budgetId });
  return `${env().APP_URL}/credentials/new?${params}`;
}

export async function recordMissingCredential(ownerId: Types.ObjectId, budgetId: Types.ObjectId, toolSlug: string): Promise<void> {
  const now = new Date();
  await Warning.updateOne(
    { _id: warningId("missing_credential", budgetId.toString(), toolSlug) },
    {
      $inc: { count: 1 },
      $set: { lastSeenAt: now },
      $setOnInsert: { kind: "missing_credential", ownerId, budgetId, toolSlug, firstSeenAt: now },
    },
    { upsert: true },
  );
}

export async function clearMissingCredential(ownerId: Types.ObjectId, budgetId: Types.ObjectId, toolSlug: string): Promise<void> {
  await Warning.deleteOne({ _id: warningId("missing_credential", budgetId.toString(), toolSlug), ownerId });
}

export async function clearBudgetWarnings(ownerId: Types.ObjectId, budgetId: Types.ObjectId): Promise<void> {
  await Warning.deleteMany({ ownerId, budgetId });
}

export async function listWarnings(actor: TActor, budgetId?: Types.ObjectId): Promise<TWarningRecord[]> {
  const { ownerId } = requireUser(actor);
  const filter = budgetId ? { ownerId, budgetId } : { ownerId };
  return Warning.find(filter).sort({ lastSeenAt: -1 }).lean<TWarningRecord[]>();
}
