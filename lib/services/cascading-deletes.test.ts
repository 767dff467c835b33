// Deleting a budget or a credential writes several collections. The local database has no transactions,
// so the order is what keeps the data whole: each write in turn is made to fail, and whatever is left
// must hold no key, binding or warning of a budget that is gone, and no binding to a missing credential;
// deleting again then finishes the job.
import "@/tests/helpers/test-env";
import { mock, test } from "node:test";
import assert from "node:assert/strict";
import { Types, type Model } from "mongoose";
import { Budget } from "@/models/budget";
import { BudgetKey } from "@/models/budget-key";
import { Binding } from "@/models/binding";
import { Credential } from "@/models/credential";
import { OAuthToken } from "@/models/oauth-token";
import { Warning } from "@/models/warning";
import type { TActor } from "@/lib/services/actor";
import { addToolToBudget, createBudget, deleteBudget } from "@/lib/services/budgets/budgets.service";
import { createBudgetKey } from "@/lib/services/budget-keys/budget-keys.service";
import { bindCredential } from "@/lib/services/bindings/bindings.service";
import { createCredential, deleteCredential } from "@/lib/services/credentials/credentials.service";
import { Tool } from "@/models/tool";
import { createTool, deleteTool } from "@/lib/services/tools/tools.service";
import { recordMissingCredential } from "@/lib/services/warnings/warnings.service";
import { useTestDatabase } from "@/tests/helpers/database";

useTestDatabase();

const alice: TActor = { kind: "user", userId: new Types.ObjectId().toString() };
const ownerId = new Types.ObjectId(alice.kind === "user" ? alice.userId : "");

async function setUp(): Promise<{ budgetId: string; credentialId: string; toolSlug: string }> {
  const slug = `tool-${new Types.ObjectId().toString().slice(-8)}`;
  await createTool(alice, {
    slug,
    name: "Echo",
    endpoint: { method: "POST", url: "https://vendor.example/echo" },
    credentialFields: [{ key: "token", label: "Token", secret: true, required: true }],
    injection: [{ in: "header", name: "authorization", template: "Bearer {{token}}" }],
  });
  const budget = await createBudget(alice, { name: "to delete" });
  const budgetId = budget._id.toString();
  const credential = await createCredential(alice, { toolSlug: slug, name: "c", fields: [{ key: "token", value: "t0ken-value" }] });
  await bindCredential(alice, { budgetId, toolSlug: slug, credentialId: credential._id.toString() });
  await createBudgetKey(alice, budgetId, "agent");
  await addToolToBudget(alice, budgetId, "open-meteo").catch(() => undefined); // any second tool, if seeded
  await recordMissingCredential(ownerId, budget._id, "other-tool", 1, new Date());
  return { budgetId, credentialId: credential._id.toString(), toolSlug: slug };
}

/** Nothing points at a budget or credential that does not exist. */
async function assertNoDangling(): Promise<void> {
  const budgets = new Set((await Budget.find({ ownerId }, { _id: 1 }).lean()).map((b) => b._id.toString()));
  const credentials = new Set((await Credential.find({ ownerId }, { _id: 1 }).lean()).map((c) => c._id.toString()));
  for (const key of await BudgetKey.find({ ownerId }).lean()) assert.ok(budgets.has(key.budgetId.toString()), "a key of a deleted budget");
  for (const warning of await Warning.find({ ownerId }).lean()) {
    if (warning.budgetId) assert.ok(budgets.has(warning.budgetId.toString()), "a warning of a deleted budget");
    if (warning.credentialId) assert.ok(credentials.has(warning.credentialId.toString()), "a warning of a deleted credential");
  }
  for (const binding of await Binding.find({ ownerId }).lean()) {
    assert.ok(budgets.has(binding.budgetId.toString()), "a binding of a deleted budget");
    assert.ok(credentials.has(binding.credentialId.toString()), "a binding to a deleted credential");
  }
}

/** Makes the next call of `method` on `model` fail, as a database that goes away mid-way would. */
function failOnce(model: Model<never>, method: "deleteOne" | "deleteMany" | "updateMany"): void {
  const original = (model[method] as (...args: unknown[]) => unknown).bind(model);
  let failed = false;
  mock.method(model, method, (...args: unknown[]) => {
    if (failed) return original(...args);
    failed = true;
    throw new Error("the database went away");
  });
}

const budgetWrites: [string, Model<never>, "deleteOne" | "deleteMany"][] = [
  ["keys", BudgetKey as unknown as Model<never>, "deleteMany"],
  ["bindings", Binding as unknown as Model<never>, "deleteMany"],
  ["warnings", Warning as unknown as Model<never>, "deleteMany"],
  ["the budget", Budget as unknown as Model<never>, "deleteOne"],
];

for (const [what, model, method] of budgetWrites) {
  test(`deleting a budget that fails at ${what} leaves nothing dangling, and a retry finishes`, async () => {
    const { budgetId } = await setUp();
    failOnce(model, method);
    await assert.rejects(deleteBudget(alice, budgetId), /went away/);
    mock.restoreAll();
    await assertNoDangling();
    await deleteBudget(alice, budgetId);
    await assertNoDangling();
    assert.equal(await Budget.countDocuments({ _id: budgetId }), 0);
    assert.equal(await BudgetKey.countDocuments({ budgetId }), 0);
  });
}

for (const [what, model, method] of [
  ["bindings", Binding as unknown as Model<never>, "deleteMany"],
  ["its tokens", OAuthToken as unknown as Model<never>, "deleteOne"],
  ["the credential", Credential as unknown as Model<never>, "deleteOne"],
] as const) {
  test(`deleting a credential that fails at ${what} leaves no binding to nothing, and a retry finishes`, async () => {
    const { credentialId } = await setUp();
    failOnce(model, method);
    await assert.rejects(deleteCredential(alice, credentialId), /went away/);
    mock.restoreAll();
    await assertNoDangling();
    await deleteCredential(alice, credentialId);
    await assertNoDangling();
    assert.equal(await Binding.countDocuments({ credentialId }), 0);
  });
}

/** Nothing points at a custom tool that does not exist: no budget lists it, no binding or warning names it. */
async function assertNothingNames(toolSlug: string): Promise<void> {
  if (await Tool.exists({ ownerId, slug: toolSlug })) return; // still there: anything may name it
  assert.equal(await Budget.countDocuments({ ownerId, toolSlugs: toolSlug }), 0, "a budget lists a deleted tool");
  assert.equal(await Binding.countDocuments({ ownerId, toolSlug }), 0, "a binding for a deleted tool");
  assert.equal(await Warning.countDocuments({ ownerId, toolSlug }), 0, "a warning for a deleted tool");
}

for (const [what, model, method] of [
  ["bindings", Binding as unknown as Model<never>, "deleteMany"],
  ["warnings", Warning as unknown as Model<never>, "deleteMany"],
  ["the budgets", Budget as unknown as Model<never>, "updateMany"],
  ["the tool", Tool as unknown as Model<never>, "deleteOne"],
] as const) {
  test(`deleting a custom tool that fails at ${what} leaves nothing naming a missing tool, and a retry finishes`, async () => {
    const { budgetId, toolSlug } = await setUp();
    await addToolToBudget(alice, budgetId, toolSlug);
    await recordMissingCredential(ownerId, new Types.ObjectId(budgetId), toolSlug, 1, new Date());
    failOnce(model, method);
    await assert.rejects(deleteTool(alice, toolSlug), /went away/);
    mock.restoreAll();
    await assertNothingNames(toolSlug);
    await deleteTool(alice, toolSlug);
    await assertNothingNames(toolSlug);
    assert.equal(await Tool.countDocuments({ ownerId, slug: toolSlug }), 0);
  });
}
