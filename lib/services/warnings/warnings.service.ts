// Warnings: things a person must fix for agents to work, today "this budget calls a tool that has no
// credential bound". Recorded by the invoke path, listed in the dashboard and GraphQL, cleared by the fix.
import type { ClientSession, Types } from "mongoose";
import { Warning, credentialWarningId, warningId, type TWarning } from "@/models/warning";
import { Credential } from "@/models/credential";
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

/** The vendor answered 401/403 to a credential: one warning for it, however many calls (counted). */
export async function recordCredentialRejected(ownerId: Types.ObjectId, credentialId: Types.ObjectId, count: number, at: Date): Promise<void> {
  await Warning.updateOne(
    { _id: credentialWarningId("credential_rejected", credentialId.toString()) },
    { $inc: { count }, $set: { lastSeenAt: at }, $setOnInsert: { kind: "credential_rejected", ownerId, credentialId, firstSeenAt: at } },
    { upsert: true },
  );
}

/** A credential saved again (new values, new tokens): whatever its vendor refused before is forgotten. */
export async function clearCredentialRejected(ownerId: Types.ObjectId, credentialId: Types.ObjectId): Promise<void> {
  await Warning.deleteOne({ _id: credentialWarningId("credential_rejected", credentialId.toString()), ownerId });
}

/** Where a credential is fixed: its page (edit form, Reconnect). */
export function credentialUrl(credentialId: string): string {
  return `${env().APP_URL}/credentials/${credentialId}`;
}

const DAY_MS = 86_400_000;
/** Days before a static secret's expiry when it is warned about (and at it). */
export const EXPIRY_WARNING_DAYS = [14, 3, 0] as const;

export async function clearMissingCredential(ownerId: Types.ObjectId, budgetId: Types.ObjectId, toolSlug: string): Promise<void> {
  await Warning.deleteOne({ _id: warningId("missing_credential", budgetId.toString(), toolSlug), ownerId });
}

export async function clearBudgetWarnings(ownerId: Types.ObjectId, budgetId: Types.ObjectId, session?: ClientSession): Promise<void> {
  await Warning.deleteMany({ ownerId, budgetId }, { session });
}

/**
 * One thing to fix, per budget and tool: no credential bound (missing_credential); the bound OAuth 2
 * credential's grant refused (reconnect_required); the vendor answered 401/403 to the bound credential
 * (credential_rejected); the bound credential expires within 14 days or has (credential_expiring,
 * credential_expired). setupUrl is the link that fixes it.
 */
export type TWarningView = {
  kind: "missing_credential" | "reconnect_required" | "credential_rejected" | "credential_expiring" | "credential_expired";
  budgetId: Types.ObjectId;
  budgetName: string;
  toolSlug: string;
  toolName: string;
  setupUrl: string;
  /** Agent calls that ran into it, and when (0 and null until an agent tries). */
  count: number;
  /** For the expiry warnings: when the credential expires. */
  expiresAt?: Date | null;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
};

/**
 * Every missing credential of the actor's budgets (or of one budget), with the calls that ran into it.
 * Computed from budgets and bindings, so the dashboard and the API show a problem before any agent hits it.
 */
export async function listWarnings(actor: TActor, budgetId?: Types.ObjectId): Promise<TWarningView[]> {
  const { ownerId } = requireUser(actor);
  const [budgets, bindings, events, refused, rejectedWarnings, expiring] = await Promise.all([
    Budget.find(budgetId ? { ownerId, _id: budgetId } : { ownerId }).sort({ createdAt: 1 }).lean(),
    Binding.find(budgetId ? { ownerId, budgetId } : { ownerId }, { _id: 1, credentialId: 1 }).lean(),
    Warning.find(budgetId ? { ownerId, budgetId } : { ownerId }).lean<TWarningRecord[]>(),
    // OAuth 2 credentials whose grant the provider refused for good: a small per-owner set.
    OAuthToken.find({ ownerId, status: "reconnect" }, { _id: 1 }).lean(),
    Warning.find({ ownerId, kind: "credential_rejected" }).lean<TWarningRecord[]>(),
    // Credentials with an expiry date (the owner's small set).
    Credential.find({ ownerId, expiresAt: { $ne: null } }, { expiresAt: 1 }).lean(),
  ]);
  const rejected = new Map(rejectedWarnings.map((w) => [String(w.credentialId), w]));
  const expiresAt = new Map(expiring.map((c) => [c._id.toString(), c.expiresAt as Date]));
  const now = Date.now();
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
        const base = { budgetId: budget._id, budgetName: budget.name, toolSlug: slug, toolName: tool.name, count: 0, firstSeenAt: null, lastSeenAt: null };
        if (needsReconnect.has(credentialId)) out.push({ ...base, kind: "reconnect_required", setupUrl: reconnectUrl(credentialId) });
        const refusal = rejected.get(credentialId);
        if (refusal) {
          out.push({ ...base, kind: "credential_rejected", setupUrl: credentialUrl(credentialId), count: refusal.count, firstSeenAt: refusal.firstSeenAt, lastSeenAt: refusal.lastSeenAt });
        }
        const expiry = expiresAt.get(credentialId);
        if (expiry && expiry.getTime() - now <= EXPIRY_WARNING_DAYS[0] * DAY_MS) {
          const kind = expiry.getTime() <= now ? "credential_expired" : "credential_expiring";
          // Newest first sorts by lastSeenAt: an expired credential is the most pressing.
          out.push({ ...base, kind, setupUrl: credentialUrl(credentialId), expiresAt: expiry, lastSeenAt: kind === "credential_expired" ? expiry : null });
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
