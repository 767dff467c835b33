// Bindings: "when an agent calls a tool of this integration with this budget, use this credential".
// One per budget and integration ("<budgetId>:@<integrationSlug>"), serving every tool of it the budget
// lists; one per budget and tool ("<budgetId>:<toolSlug>") overrides it for that tool. Binding again
// replaces the credential.
import { z } from "zod";
import type { Types } from "mongoose";
import { Binding, bindingId, integrationBindingId, type TBinding } from "@/models/binding";
import { requireUser, type TActor } from "@/lib/services/actor";
import { NotFoundError, ValidationError, fieldErrorsFromIssues } from "@/lib/services/errors";
import { addToolToBudget, getBudget, type TBudgetRecord } from "@/lib/services/budgets/budgets.service";
import { createCredential, getCredential, listCredentials, type TCredentialRecord } from "@/lib/services/credentials/credentials.service";
import { getTool, getToolsBySlugs } from "@/lib/services/tools/tools.service";
import { getIntegration, type TIntegrationRecord } from "@/lib/services/integrations/integrations.service";
import { clearMissingCredential } from "@/lib/services/warnings/warnings.service";
import { recordAudit } from "@/lib/services/audit/audit.service";

export type TBindingRecord = TBinding & { _id: string; createdAt: Date; updatedAt: Date };

export const ZBindCredentialInput = z
  .object({
    budgetId: z.string().min(1).max(64),
    toolSlug: z.string().min(1).max(100).optional(),
    integrationSlug: z.string().min(1).max(100).optional(),
    credentialId: z.string().min(1).max(64),
  })
  .refine((input) => !!input.toolSlug !== !!input.integrationSlug, { path: ["integrationSlug"], message: "name either the integration or one tool" });

/** Binds for one tool (adding it to the budget), or for a whole integration when the input names one. */
export async function bindCredential(actor: TActor, input: unknown): Promise<TBindingRecord> {
  const { ownerId } = requireUser(actor);
  const parsed = ZBindCredentialInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("The binding is invalid.", fieldErrorsFromIssues(parsed.error.issues));
  if (parsed.data.integrationSlug) return bindIntegration(actor, parsed.data.budgetId, parsed.data.integrationSlug, parsed.data.credentialId);
  const budget = await getBudget(actor, parsed.data.budgetId);
  const tool = await getTool(actor, parsed.data.toolSlug!);
  const credential = await getCredential(actor, parsed.data.credentialId);
  if (credential.integrationId !== tool.integrationId) {
    throw new ValidationError("The credential is for another integration.", {
      credentialId: [`Choose a ${tool.integration.name} credential: this one belongs to another integration.`],
    });
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

/** The budget's binding for a whole integration: serves each of its tools the budget lists (or will). */
async function bindIntegration(actor: TActor, budgetId: string, integrationSlug: string, credentialId: string): Promise<TBindingRecord> {
  const { ownerId } = requireUser(actor);
  const budget = await getBudget(actor, budgetId);
  const integration = await getIntegration(actor, integrationSlug);
  const credential = await getCredential(actor, credentialId);
  if (credential.integrationId !== integration._id) {
    throw new ValidationError("The credential is for another integration.", {
      credentialId: [`Choose a ${integration.name} credential: this one belongs to another integration.`],
    });
  }
  const binding = await Binding.findOneAndUpdate(
    { _id: integrationBindingId(budget._id.toString(), integration.slug), ownerId },
    { $set: { budgetId: budget._id, toolSlug: null, integrationSlug: integration.slug, credentialId: credential._id, ownerId } },
    { upsert: true, new: true },
  ).lean<TBindingRecord>();
  for (const slug of await budgetToolsOf(actor, budget, integration)) await clearMissingCredential(ownerId, budget._id, slug);
  await recordAudit(ownerId, {
    action: "binding.created",
    target: { type: "binding", id: binding!._id },
    details: { budgetId: budget._id.toString(), integration: integration.slug, credentialId: credential._id.toString() },
  });
  return binding!;
}

/** The budget's tools that belong to the integration. */
async function budgetToolsOf(actor: TActor, budget: TBudgetRecord, integration: TIntegrationRecord): Promise<string[]> {
  const tools = await getToolsBySlugs(actor, budget.toolSlugs);
  return [...tools.values()].filter((t) => t.integrationId === integration._id).map((t) => t.slug);
}

/**
 * Adds a tool to a budget and, when the budget has no binding serving it yet and the owner has exactly
 * one credential of its integration, binds that one to the integration: there is nothing to choose, and
 * an unbound tool fails every call. With two or more, the person picks. Reads the owner's credentials of
 * that integration (a small per-owner set, through the { ownerId, integrationId } index) and bindings by _id.
 */
export async function addToolAndBindSoleCredential(
  actor: TActor,
  budgetId: string,
  toolSlug: string,
): Promise<{ boundCredential: { id: string; name: string } | null }> {
  const { ownerId } = requireUser(actor);
  const budget = await addToolToBudget(actor, budgetId, toolSlug);
  const tool = await getTool(actor, toolSlug);
  if (tool.integration.authKind === "none") return { boundCredential: null };
  const serving = [bindingId(budget._id.toString(), tool.slug), integrationBindingId(budget._id.toString(), tool.integration.slug)];
  if (await Binding.exists({ _id: { $in: serving }, ownerId })) return { boundCredential: null };
  const candidates = await listCredentials(actor, { integrationSlug: tool.integration.slug });
  if (candidates.length !== 1) return { boundCredential: null };
  const [only] = candidates as [TCredentialRecord];
  await bindCredential(actor, { budgetId: budget._id.toString(), integrationSlug: tool.integration.slug, credentialId: only._id.toString() });
  return { boundCredential: { id: only._id.toString(), name: only.name } };
}

/** Removes the budget's binding for a whole integration (tools bound one by one keep theirs). */
export async function unbindIntegration(actor: TActor, budgetId: string, integrationSlug: string): Promise<boolean> {
  const { ownerId } = requireUser(actor);
  const budget = await getBudget(actor, budgetId);
  const _id = integrationBindingId(budget._id.toString(), integrationSlug);
  const { deletedCount } = await Binding.deleteOne({ _id, ownerId });
  if (!deletedCount) throw new NotFoundError("Binding");
  await recordAudit(ownerId, { action: "binding.deleted", target: { type: "binding", id: _id }, details: { budgetId: budget._id.toString(), integration: integrationSlug } });
  return true;
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

/** The bindings (of tools and of integrations) of many budgets in one query on the owner's small set. */
export async function listBindingsOfBudgets(
  actor: TActor,
  budgets: readonly Pick<TBudgetRecord, "_id" | "toolSlugs">[],
): Promise<TBindingRecord[]> {
  const { ownerId } = requireUser(actor);
  if (!budgets.length) return [];
  return Binding.find({ ownerId, budgetId: { $in: budgets.map((b) => b._id) } }).lean<TBindingRecord[]>();
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
 * credential's integration, serving each of its tools (which also clears that budget's missing-credential
 * warnings). The budget is checked first, so a bad link creates nothing.
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
  // A credential made for a tool adds that tool to the budget, as binding a tool does (and always did here).
  if (credential.toolSlug) await addToolToBudget(actor, budgetId, credential.toolSlug);
  const binding = await bindCredential(actor, { budgetId, integrationSlug: credential.integrationSlug, credentialId: credential._id.toString() });
  return { credential, binding };
}
