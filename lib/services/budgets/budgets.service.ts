// Budgets: which tools agents may call with a budget's keys, and how much they may spend.
import { z } from "zod";
import { Types, type Model } from "mongoose";
import { Budget, type TBudget } from "@/models/budget";
import { BudgetKey } from "@/models/budget-key";
import { Binding, bindingId } from "@/models/binding";
import { parseObjectId, requireUser, type TActor } from "@/lib/services/actor";
import { pageSize, type TPage, type TPageInput } from "@/lib/services/paging";
import { listId, listedPage, ownerListKey, unlistId } from "@/lib/services/owner-lists/owner-lists";
import { NotFoundError, ValidationError, fieldErrorsFromIssues } from "@/lib/services/errors";
import { inTransaction } from "@/lib/db/transaction";
import { getTool } from "@/lib/services/tools/tools.service";
import { clearBudgetWarnings, clearMissingCredential } from "@/lib/services/warnings/warnings.service";
import { recordAudit } from "@/lib/services/audit/audit.service";
import { isTimeZone } from "@/lib/services/budgets/spend-periods";

export type TBudgetRecord = TBudget & { _id: Types.ObjectId };

const ZLimitCents = z.number().int().min(0).max(1_000_000_000).nullable();
const ZRatePerMinute = z.number().int().min(0, "At least 0 (0: no limit).").max(10_000_000).nullable();
const ZTimeZone = z.string().trim().max(64).refine(isTimeZone, "Not an IANA time zone, e.g. “Europe/Paris” or “UTC”.");

// Caps next to the lifetime limit: per calendar period in the budget's zone, per call, and calls per minute.
const guardrails = {
  dayLimitCents: ZLimitCents.optional(),
  weekLimitCents: ZLimitCents.optional(),
  monthLimitCents: ZLimitCents.optional(),
  perCallLimitCents: ZLimitCents.optional(),
  timeZone: ZTimeZone.optional(),
  rateLimitPerMinute: ZRatePerMinute.optional(),
  keyRateLimitPerMinute: ZRatePerMinute.optional(),
};

export const ZCreateBudgetInput = z.object({
  name: z.string().trim().min(1, "Give the budget a name, e.g. “Research agent”.").max(100, "The name is too long: at most 100 characters."),
  limitCents: ZLimitCents.optional().default(null),
  ...guardrails,
});
export const ZUpdateBudgetInput = z.object({
  name: z.string().trim().min(1, "Give the budget a name, e.g. “Research agent”.").max(100, "The name is too long: at most 100 characters.").optional(),
  limitCents: ZLimitCents.optional(),
  ...guardrails,
});

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The budget is invalid.", fieldErrorsFromIssues(parsed.error.issues));
  return parsed.data;
}

export async function listBudgets(actor: TActor): Promise<TBudgetRecord[]> {
  const { ownerId } = requireUser(actor);
  // Unpaged, so every one is read anyway: one pass over the collection (on the local database) costs less
  // than an `_id` lookup per budget (ARCHITECTURE.md, "Lists as data grows"). Pages use the owner list.
  return Budget.find({ ownerId }).sort({ createdAt: 1 }).lean<TBudgetRecord[]>();
}

// The owner lists read any model by `_id`.
const budgets = Budget as unknown as Model<never>;

/** The actor's budgets a page at a time, oldest first (by `_id`, which grows with creation). */
export async function listBudgetsPage(actor: TActor, input: TPageInput = {}): Promise<TPage<TBudgetRecord>> {
  const { ownerId } = requireUser(actor);
  const first = pageSize(input.first, 50);
  return listedPage<TBudgetRecord>(budgets, ownerListKey.budgets(ownerId), ownerId, { first, after: input.after, newestFirst: false });
}

export async function getBudget(actor: TActor, id: string): Promise<TBudgetRecord> {
  const { ownerId } = requireUser(actor);
  const _id = parseObjectId(id);
  // By `_id` alone, the owner checked here: `{ _id, ownerId }` is a whole-collection read on the local database.
  const budget = _id && (await Budget.findById(_id).lean<TBudgetRecord>());
  if (!budget || !budget.ownerId.equals(ownerId)) throw new NotFoundError("Budget");
  return budget;
}

/** The actor's budgets among these ids, in one query (unknown and other owners' ids are left out). */
export async function getBudgetsByIds(actor: TActor, ids: readonly string[]): Promise<TBudgetRecord[]> {
  const { ownerId } = requireUser(actor);
  const _ids = ids.map(parseObjectId).filter((id) => id !== null);
  if (!_ids.length) return [];
  // One command for a loader's whole batch (on the local database a pass over the collection, as `$in`
  // is not pushed down); the owner checked here.
  return (await Budget.find({ _id: { $in: _ids } }).lean<TBudgetRecord[]>()).filter((row) => row.ownerId.equals(ownerId));
}

export async function createBudget(actor: TActor, input: unknown): Promise<TBudgetRecord> {
  const { ownerId } = requireUser(actor);
  const data = parse(ZCreateBudgetInput, input);
  const _id = new Types.ObjectId();
  await listId([ownerListKey.budgets(ownerId)], _id);
  const created = await Budget.create({ _id, ...data, ownerId, toolSlugs: [], spentCents: 0 });
  await recordAudit(ownerId, { action: "budget.created", target: { type: "budget", id: created._id.toString() }, details: { ...data } });
  return created.toObject() as TBudgetRecord;
}

export async function updateBudget(actor: TActor, id: string, input: unknown): Promise<TBudgetRecord> {
  const { ownerId } = requireUser(actor);
  const budget = await getBudget(actor, id);
  const data = parse(ZUpdateBudgetInput, input);
  // A new limit applies from the next slice: the gateway hands back its current one when it hears of the change.
  const updated = await setOnBudget(ownerId, budget._id, { $set: data });
  await recordAudit(ownerId, { action: "budget.updated", target: { type: "budget", id: budget._id.toString() }, details: { ...data } });
  return updated;
}

/**
 * Deletes the budget with its keys, bindings and warnings; agents using its keys are refused from then
 * on. Keys go first (agents are refused at once), the budget last: a failure in between leaves a budget
 * with fewer keys or bindings, never a key or binding of a budget that is gone.
 */
export async function deleteBudget(actor: TActor, id: string): Promise<boolean> {
  const { ownerId } = requireUser(actor);
  const budget = await getBudget(actor, id);
  await inTransaction(async (session) => {
    await BudgetKey.deleteMany({ budgetId: budget._id, ownerId }, { session });
    await Binding.deleteMany({ budgetId: budget._id, ownerId }, { session });
    await clearBudgetWarnings(ownerId, budget._id, session);
    await Budget.deleteOne({ _id: budget._id, ownerId }, { session });
  });
  await unlistId([ownerListKey.budgets(ownerId)], budget._id);
  await recordAudit(ownerId, { action: "budget.deleted", target: { type: "budget", id: budget._id.toString() } });
  return true;
}

export async function addToolToBudget(actor: TActor, budgetId: string, toolSlug: string): Promise<TBudgetRecord> {
  const { ownerId } = requireUser(actor);
  const budget = await getBudget(actor, budgetId);
  const tool = await getTool(actor, toolSlug);
  const updated = await setOnBudget(ownerId, budget._id, { $addToSet: { toolSlugs: tool.slug } });
  if (!budget.toolSlugs.includes(tool.slug)) await recordAudit(ownerId, { action: "budget.tool_added", target: { type: "budget", id: budget._id.toString() }, details: { tool: tool.slug } });
  return updated;
}

/**
 * Removing a tool also drops its binding: the budget no longer uses that credential. The binding goes
 * first: a failure in between leaves the tool listed and unbound (reported missing), never a binding
 * for a tool the budget does not list.
 */
export async function removeToolFromBudget(actor: TActor, budgetId: string, toolSlug: string): Promise<TBudgetRecord> {
  const { ownerId } = requireUser(actor);
  const budget = await getBudget(actor, budgetId);
  const binding = bindingId(budget._id.toString(), toolSlug);
  await Binding.deleteOne({ _id: binding, ownerId });
  await clearMissingCredential(ownerId, budget._id, toolSlug);
  const updated = await setOnBudget(ownerId, budget._id, { $pull: { toolSlugs: toolSlug } });
  await recordAudit(ownerId, { action: "budget.tool_removed", target: { type: "budget", id: budget._id.toString() }, details: { tool: toolSlug } });
  return updated;
}

async function setOnBudget(ownerId: Types.ObjectId, _id: Types.ObjectId, update: object): Promise<TBudgetRecord> {
  const updated = await Budget.findOneAndUpdate({ _id, ownerId }, update, { new: true }).lean<TBudgetRecord>();
  if (!updated) throw new NotFoundError("Budget");
  return updated;
}
