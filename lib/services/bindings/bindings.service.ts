// Bindings: "when an agent calls this tool with this budget, use this credential". One per budget and
// tool (the _id is "<budgetId>:<toolSlug>"); binding again replaces the credential.
import { z } from "zod";
import type { Types } from "mongoose";
import { Binding, bindingId, type TBinding } from "@/models/binding";
import { requireUser, type TActor } from "@/lib/services/actor";
import { NotFoundError, ValidationError, fieldErrorsFromIssues } from "@/lib/services/errors";
import { addToolToBudget, getBudget, type TBudgetRecord } from "@/lib/services/budgets/budgets.service";
import { createCredential, getCredential, listCredentials, type TCredentialRecord } from "@/lib/services/credentials/credentials.service";
import { getTool } from "@/lib/services/tools/tools.service";
import { clearMissingCredential } from "@/lib/services/warnings/warnings.service";
import { recordAudit } from "@/lib/services/audit/audit.service";

export type TBindingRecord = TBinding & { _id: string; createdAt: Date; updatedAt: Date };

export const ZBindCredentialInput = z.object({
  budgetId: z.string().min(1).max(64),
  toolSlug: z.string().min(1).max(100),
  credentialId: z.string().min(1).max(64),
});

export async function bindCredential(actor: TActor, input: unknown): Promise<TBindingRecord> {
  const { ownerId } = requireUser(actor);
  const parsed = ZBindCredentialInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("The binding is invalid.", fieldErrorsFromIssues(parsed.error.issues));
  const budget = await getBudget(actor, parsed.data.budgetId);
  const tool = await getTool(actor, parsed.data.toolSlug);
  const credential = await getCredential(actor, parsed.data.credentialId);
  if (credential.toolId !== tool._id) {
    throw new ValidationError("The credential is for another tool.", { credentialId: [`Choose a ${tool.name} credential: this one belongs to another tool.`] });
  }
  await addToolToBudget(actor, budget._id.toString(), tool.slug);
  const _id = bindingId(budget._id.toString(), tool.slug);
  const binding = await Binding.findOneAndUpdate(
    { _id, ownerId },
    { $set: { budgetId: budget._id, toolSlug: tool.slug, credentialId: credential._id, ownerId } },
    { upsert: true, new: true },
  ).lean<TBindingRecord>();
  await clearMissingCredential(ownerId, budget._id, tool.slug);
  await recordAudit(ownerId, { action: "binding.created", target: { type: "binding", id: _id }, details: { budgetId: budget._id.toString(), tool: tool.slug, credentialId: credential._id.toString() } });
  return binding!;
}

/**
 * Adds a tool to a budget and, when the owner has exactly one credential for it and the budget has no
 * binding for it yet, binds that one: there is nothing to choose, and an unbound tool fails every call.
 * With two or more, the person picks. Reads the owner's credentials of that tool (a small per-owner set,
 * through the { ownerId, toolId } index) and one binding by _id.
 */
export async function addToolAndBindSoleCredential(
  actor: TActor,
  budgetId: string,
  toolSlug: string,
): Promise<{ boundCredential: { id: string; name: string } | null }> {
  const { ownerId } = requireUser(actor);
  const budget = await addToolToBudget(actor, budgetId, toolSlug);
  const tool = await getTool(actor, toolSlug);
  if (!tool.credentialFields.length) return { boundCredential: null };
  if (await Binding.exists({ _id: bindingId(budget._id.toString(), tool.slug), ownerId })) return { boundCredential: null };
  const candidates = (await listCredentials(actor, tool.slug)).filter((c) => c.toolId === tool._id);
  if (candidates.length !== 1) return { boundCredential: null };
  const [only] = candidates as [TCredentialRecord];
  await bindCredential(actor, { budgetId: budget._id.toString(), toolSlug: tool.slug, credentialId: only._id.toString() });
  return { boundCredential: { id: only._id.toString(), name: only.name } };
}

export async function unbindCredential(actor: TActor, budgetId: string, toolSlug: string): Promise<boolean> {
  const { ownerId } = requireUser(actor);
  const budget = await getBudget(actor, budgetId);
  const _id = bindingId(budget._id.toString(), toolSlug);
  const { deletedCount } = await Binding.deleteOne({ _id, ownerId });
  if (!deletedCount) throw new NotFoundError("Binding");
  await recordAudit(ownerId, { action: "binding.deleted", target: { type: "binding", id: _id }, details: { budgetId: budget._id.toString(), tool: toolSlug } });
  return true;
}

export async function listBindings(actor: TActor, budgetId: Types.ObjectId): Promise<TBindingRecord[]> {
  const { ownerId } = requireUser(actor);
  return Binding.find({ ownerId, budgetId }).lean<TBindingRecord[]>();
}

/** Bindings that use a credential: which budgets lose it if it is deleted. */
export async function bindingsOfCredential(actor: TActor, credentialId: Types.ObjectId): Promise<TBindingRecord[]> {
  const { ownerId } = requireUser(actor);
  return Binding.find({ ownerId, credentialId }).lean<TBindingRecord[]>();
}

/**
 * The bindings of many budgets in one _id lookup. A budget's bindings are among its tools (binding adds the
 * tool; removing the tool drops the binding), so their ids are known from the budgets.
 */
export async function listBindingsOfBudgets(
  actor: TActor,
  budgets: readonly Pick<TBudgetRecord, "_id" | "toolSlugs">[],
): Promise<TBindingRecord[]> {
  const { ownerId } = requireUser(actor);
  const _ids = budgets.flatMap((b) => b.toolSlugs.map((slug) => bindingId(b._id.toString(), slug)));
  if (!_ids.length) return [];
  return Binding.find({ _id: { $in: _ids }, ownerId }).lean<TBindingRecord[]>();
}

/** The bindings that use any of these credentials, in one query. */
export async function listBindingsOfCredentials(actor: TActor, credentialIds: readonly Types.ObjectId[]): Promise<TBindingRecord[]> {
  const { ownerId } = requireUser(actor);
  if (!credentialIds.length) return [];
  return Binding.find({ ownerId, credentialId: { $in: credentialIds } }).lean<TBindingRecord[]>();
}

/** Every binding of the actor: which budgets use which credential. */
export async function listOwnerBindings(actor: TActor): Promise<TBindingRecord[]> {
  const { ownerId } = requireUser(actor);
  return Binding.find({ ownerId }).lean<TBindingRecord[]>();
}

/**
 * The setup link's save: creates the credential and, when a budget is named, binds it there for the
 * credential's tool (which also clears that budget's missing-credential warning). The budget is checked
 * first, so a bad link creates nothing.
 */
export async function createCredentialForBudget(
  actor: TActor,
  input: unknown,
  budgetId: string | null | undefined,
): Promise<{ credential: TCredentialRecord; binding: TBindingRecord | null }> {
  if (budgetId) {
    await getBudget(actor, budgetId).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new ValidationError("The budget to bind to was not found.", { budgetId: ["The setup link names a budget that no longer exists. Open the budget again and use its current link."] }) : error;
    });
  }
  const credential = await createCredential(actor, input);
  if (!budgetId) return { credential, binding: null };
  const binding = await bindCredential(actor, { budgetId, toolSlug: credential.toolSlug, credentialId: credential._id.toString() });
  return { credential, binding };
}
