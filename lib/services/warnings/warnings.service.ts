// Warnings: things a person must fix for agents to work, today "this budget calls a tool that has no
// credential bound". Recorded by the invoke path, listed in the dashboard and GraphQL, cleared by the fix.
import type { ClientSession, Types } from "mongoose";
import { Warning, warningId, type TWarning } from "@/models/warning";
import { env } from "@/lib/env";
import { Budget } from "@/models/budget";
import { Binding, bindingId, integrationBindingId } from "@/models/binding";
import { OAuthToken } from "@/models/oauth-token";
import { requireUser, type TActor } from "@/lib/services/actor";
import { findTool, needsCredentials, type TToolRecord } from "@/lib/services/tools/tools.service";

export type TWarningRecord = TWarning & { _id: string };

/** The dashboard path that opens the credential form for this tool and binds the result to this budget. */
export function setupPath(budgetId: string, toolSlug: string): string {
  return `/credentials/new?${new URLSearchParams({ tool: toolSlug, budget: budgetId })}`;
}

/** The same, absolute: what agents get in a missing_credential error. */
export function setupUrl(budgetId: string, toolSlug: string): string {
  return `${env().APP_URL}${setupPath(budgetId, toolSlug)}`;
}

/** Where an OAuth 2 credential whose grant was refused is reconnected (or its client secret entered again). */
export function reconnectUrl(credentialId: string): string {
  return `${env().APP_URL}/credentials/${credentialId}?reconnect=1`;
}

/** Adds `count` agent calls that ran into a missing credential (the usage recorder batches them). */
export async function recordMissingCredential(
  ownerId: Types.ObjectId,
  budgetId: Types.ObjectId,
  toolSlug: string,
  count: number,
  at: Date,
): Promise<void> {
  await Warning.updateOne(
    { _id: warningId("missing_credential", budgetId.toString(), toolSlug) },
    {
      $inc: { count },
      $set: { lastSeenAt: at },
      $setOnInsert: { kind: "missing_credential", ownerId, budgetId, toolSlug, firstSeenAt: at },
    },
    { upsert: true },
  );
}

export async function clearMissingCredential(ownerId: Types.ObjectId, budgetId: Types.ObjectId, toolSlug: string): Promise<void> {
  await Warning.deleteOne({ _id: warningId("missing_credential", budgetId.toString(), toolSlug), ownerId });
}

export async function clearBudgetWarnings(ownerId: Types.ObjectId, budgetId: Types.ObjectId, session?: ClientSession): Promise<void> {
  await Warning.deleteMany({ ownerId, budgetId }, { session });
}

/** One thing to fix: a budget allows a tool that needs credentials, and none is bound. */
export type TWarningView = {
  /** reconnect_required: the bound OAuth 2 credential's grant was refused; setupUrl then reconnects it. */
  kind: "missing_credential" | "reconnect_required";
  budgetId: Types.ObjectId;
  budgetName: string;
  toolSlug: string;
  toolName: string;
  setupUrl: string;
  /** Agent calls that ran into it, and when (0 and null until an agent tries). */
  count: number;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
};

/**
 * Every missing credential of the actor's budgets (or of one budget), with the calls that ran into it.
 * Computed from budgets and bindings, so the dashboard and the API show a problem before any agent hits it.
 */
export async function listWarnings(actor: TActor, budgetId?: Types.ObjectId): Promise<TWarningView[]> {
  const { ownerId } = requireUser(actor);
  const [budgets, bindings, events, refused] = await Promise.all([
    Budget.find(budgetId ? { ownerId, _id: budgetId } : { ownerId }).sort({ createdAt: 1 }).lean(),
    Binding.find(budgetId ? { ownerId, budgetId } : { ownerId }, { _id: 1, credentialId: 1 }).lean(),
    Warning.find(budgetId ? { ownerId, budgetId } : { ownerId }).lean<TWarningRecord[]>(),
    // OAuth 2 credentials whose grant the provider refused for good: a small per-owner set.
    OAuthToken.find({ ownerId, status: "reconnect" }, { _id: 1 }).lean(),
  ]);
  const bound = new Map(bindings.map((b) => [String(b._id), b.credentialId.toString()]));
  const needsReconnect = new Set(refused.map((t) => String(t._id)));
  const seen = new Map(events.map((e) => [e._id, e]));
  const tools = new Map<string, TToolRecord | null>();
  const out: TWarningView[] = [];
  for (const budget of budgets) {
    for (const slug of budget.toolSlugs) {
      if (!tools.has(slug)) tools.set(slug, await findTool(actor, slug));
      const tool = tools.get(slug);
      if (!tool || !needsCredentials(tool)) continue;
      const budgetKey = budget._id.toString();
      const credentialId = bound.get(bindingId(budgetKey, slug)) ?? bound.get(integrationBindingId(budgetKey, tool.integration.slug));
      if (credentialId) {
        if (needsReconnect.has(credentialId)) {
          out.push({
            kind: "reconnect_required",
            budgetId: budget._id,
            budgetName: budget.name,
            toolSlug: slug,
            toolName: tool.name,
            setupUrl: reconnectUrl(credentialId),
            count: 0,
            firstSeenAt: null,
            lastSeenAt: null,
          });
        }
        continue;
      }
      const event = seen.get(warningId("missing_credential", budget._id.toString(), slug));
      out.push({
        kind: "missing_credential",
        budgetId: budget._id,
        budgetName: budget.name,
        toolSlug: slug,
        toolName: tool.name,
        setupUrl: setupUrl(budget._id.toString(), slug),
        count: event?.count ?? 0,
        firstSeenAt: event?.firstSeenAt ?? null,
        lastSeenAt: event?.lastSeenAt ?? null,
      });
    }
  }
  // Problems agents are hitting now first.
  return out.sort((a, b) => (b.lastSeenAt?.getTime() ?? 0) - (a.lastSeenAt?.getTime() ?? 0));
}
