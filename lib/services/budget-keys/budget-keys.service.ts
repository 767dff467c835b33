// Budget keys: the bearer tokens agents call tools with. Shown once at creation, stored as a hash.
import { z } from "zod";
import type { Types } from "mongoose";
import { BudgetKey, type TBudgetKey } from "@/models/budget-key";
import { requireUser, type TActor } from "@/lib/services/actor";
import { NotFoundError, ValidationError, fieldErrorsFromIssues } from "@/lib/services/errors";
import { getBudget } from "@/lib/services/budgets/budgets.service";
import { BUDGET_KEY_PREFIX, generateSecretToken, publicId } from "@/lib/services/secret-tokens";
import { recordAudit } from "@/lib/services/audit/audit.service";

export type TBudgetKeyRecord = TBudgetKey & { _id: string; createdAt: Date };

const ZKeyName = z.object({ name: z.string().trim().min(1, "Give the key a name, e.g. “laptop agent”.").max(100, "The name is too long: at most 100 characters.") });

export async function createBudgetKey(
  actor: TActor,
  budgetId: string,
  name: unknown,
): Promise<{ key: string; budgetKey: TBudgetKeyRecord }> {
  const { ownerId } = requireUser(actor);
  const budget = await getBudget(actor, budgetId);
  const parsed = ZKeyName.safeParse({ name });
  if (!parsed.success) throw new ValidationError("The key is invalid.", fieldErrorsFromIssues(parsed.error.issues));
  // Names tell keys apart in the list and in recent calls: two live keys of a budget never share one.
  // The budget's keys are a small per-budget set, read through the { ownerId, budgetId } index.
  if (await BudgetKey.exists({ ownerId, budgetId: budget._id, name: parsed.data.name, revokedAt: null })) {
    throw new ValidationError("The key is invalid.", { name: [`This budget already has a key named “${parsed.data.name}”. Choose another name.`] });
  }
  const { token, hash, displayPrefix } = generateSecretToken(BUDGET_KEY_PREFIX);
  const created = await BudgetKey.create({
    _id: hash,
    keyId: publicId("bk"),
    ownerId,
    budgetId: budget._id,
    name: parsed.data.name,
    prefix: displayPrefix,
  });
  await recordAudit(ownerId, { action: "budget_key.created", target: { type: "budget_key", id: created.keyId }, details: { budgetId: budget._id.toString(), name: parsed.data.name } });
  return { key: token, budgetKey: created.toObject() as TBudgetKeyRecord };
}

export async function listBudgetKeys(actor: TActor, budgetId: Types.ObjectId): Promise<TBudgetKeyRecord[]> {
  const { ownerId } = requireUser(actor);
  return BudgetKey.find({ ownerId, budgetId }).sort({ createdAt: -1 }).lean<TBudgetKeyRecord[]>();
}

/** The keys of many budgets in one query, newest first. */
export async function listKeysOfBudgets(actor: TActor, budgetIds: readonly Types.ObjectId[]): Promise<TBudgetKeyRecord[]> {
  const { ownerId } = requireUser(actor);
  if (!budgetIds.length) return [];
  return BudgetKey.find({ ownerId, budgetId: { $in: budgetIds } }).sort({ createdAt: -1 }).lean<TBudgetKeyRecord[]>();
}

const ZUpdateBudgetKey = z.object({ rateLimitPerMinute: z.number().int().min(0, "At least 0 (0: no limit).").max(10_000_000).nullable().optional() });

/** A key's own rate limit (calls per minute; null: its budget's limit for each key, 0: none). */
export async function updateBudgetKey(actor: TActor, keyId: string, input: unknown): Promise<TBudgetKeyRecord> {
  const { ownerId } = requireUser(actor);
  const parsed = ZUpdateBudgetKey.safeParse(input);
  if (!parsed.success) throw new ValidationError("The key is invalid.", fieldErrorsFromIssues(parsed.error.issues));
  const updated = await BudgetKey.findOneAndUpdate({ keyId, ownerId }, { $set: parsed.data }, { new: true }).lean<TBudgetKeyRecord>();
  if (!updated) throw new NotFoundError("Budget key");
  await recordAudit(ownerId, { action: "budget_key.updated", target: { type: "budget_key", id: keyId }, details: { ...parsed.data } });
  return updated;
}

export async function revokeBudgetKey(actor: TActor, keyId: string): Promise<TBudgetKeyRecord> {
  const { ownerId } = requireUser(actor);
  // Revoking twice keeps the first revocation time.
  const { modifiedCount } = await BudgetKey.updateOne({ keyId, ownerId, revokedAt: null }, { $set: { revokedAt: new Date() } });
  const revoked = await BudgetKey.findOne({ keyId, ownerId }).lean<TBudgetKeyRecord>();
  if (!revoked) throw new NotFoundError("Budget key");
  if (modifiedCount === 1) await recordAudit(ownerId, { action: "budget_key.revoked", target: { type: "budget_key", id: keyId }, details: { budgetId: revoked.budgetId.toString() } });
  return revoked;
}
