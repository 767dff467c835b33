// Integrations against the real database: data written before integrations keeps working after the
// start-up migration (no credential re-entered), one credential bound to an integration serves every
// tool of it in a budget, a tool's own binding overrides it, and the setup link binds the integration.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Types } from "mongoose";
import { rawClient, useTestDatabase } from "@/tests/helpers/database";
import { connectDb } from "@/lib/db/connection";
import { encryptSecret } from "@/lib/crypto/field-encryption";
import { hashSecretToken } from "@/lib/services/secret-tokens";
import type { TActor } from "@/lib/services/actor";
import { seedBuiltinTools, createTool, getTool } from "@/lib/services/tools/tools.service";
import { migrateToIntegrations } from "@/lib/services/integrations/migrate-integrations";
import { rebuildOwnerLists } from "@/lib/services/owner-lists/rebuild-owner-lists";
import { createIntegration, getIntegration, listIntegrations } from "@/lib/services/integrations/integrations.service";
import { createBudget, addToolToBudget } from "@/lib/services/budgets/budgets.service";
import { createBudgetKey } from "@/lib/services/budget-keys/budget-keys.service";
import { createCredential, listCredentials } from "@/lib/services/credentials/credentials.service";
import { bindCredential, createCredentialForBudget } from "@/lib/services/bindings/bindings.service";
import { listWarnings } from "@/lib/services/warnings/warnings.service";
import { loadCallPlan } from "@/lib/services/invoke/invoke.service";
import { dropAll } from "@/lib/gateway/state/call-plans";
import { ValidationError } from "@/lib/services/errors";

useTestDatabase();

const ownerId = new Types.ObjectId();
const alice: TActor = { kind: "user", userId: ownerId.toString() };
const TOKEN_A = "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const TOKEN_B = "ghp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

async function planFor(key: string, slug: string) {
  dropAll();
  return loadCallPlan(hashSecretToken(key), slug);
}

test("data in the old shape (a tool with its own fields, credentials by tool, bindings by tool) keeps working after the migration", async () => {
  await connectDb();
  const raw = await rawClient();
  try {
    const db = raw.db();
    const cipher = await encryptSecret(ownerId.toHexString(), "legacy-secret-value");
    const openaiCipher = await encryptSecret(ownerId.toHexString(), "sk-legacylegacylegacylegacy");
    const budgetId = new Types.ObjectId();
    const now = new Date();
    // Exactly what the previous version stored (no integrationId anywhere).
    await db.collection("tools").insertOne({
      _id: `${ownerId.toHexString()}:legacy-echo` as never,
      slug: "legacy-echo",
      ownerId,
      name: "Legacy echo",
      description: "",
      endpoint: { method: "POST", url: "https://vendor.example/echo", queryParams: [] },
      costCents: 0,
      credentialFields: [{ key: "token", label: "Token", secret: true, required: true, hint: false }],
      injection: [{ in: "header", name: "authorization", template: "Bearer {{token}}" }],
      inputSchema: null,
      createdAt: now,
      updatedAt: now,
    });
    // The built-in tool as the previous seed wrote it.
    await db.collection("tools").insertOne({
      _id: "openai-chat" as never,
      slug: "openai-chat",
      ownerId: null,
      name: "OpenAI Chat Completions",
      endpoint: { method: "POST", url: "https://api.openai.com/v1/chat/completions" },
      credentialFields: [{ key: "apiKey", label: "API key", secret: true, required: true, hint: true }],
      injection: [{ in: "header", name: "Authorization", template: "Bearer {{apiKey}}" }],
    });
    const legacy = new Types.ObjectId();
    const legacyOpenai = new Types.ObjectId();
    await db.collection("credentials").insertMany([
      { _id: legacy, ownerId, toolId: `${ownerId.toHexString()}:legacy-echo`, toolSlug: "legacy-echo", name: "old", fields: [{ key: "token", cipher }], lastUsedAt: null, createdAt: now, updatedAt: now },
      { _id: legacyOpenai, ownerId, toolId: "openai-chat", toolSlug: "openai-chat", name: "old openai", fields: [{ key: "apiKey", cipher: openaiCipher, hint: "acy" }], lastUsedAt: null, createdAt: now, updatedAt: now },
    ]);
    await db.collection("budgets").insertOne({ _id: budgetId, ownerId, name: "old budget", toolSlugs: ["legacy-echo", "openai-chat"], limitCents: null, spentCents: 0, committedCents: 0, createdAt: now, updatedAt: now });
    await db.collection("bindings").insertMany([
      { _id: `${budgetId}:legacy-echo` as never, ownerId, budgetId, toolSlug: "legacy-echo", credentialId: legacy, createdAt: now, updatedAt: now },
      { _id: `${budgetId}:openai-chat` as never, ownerId, budgetId, toolSlug: "openai-chat", credentialId: legacyOpenai, createdAt: now, updatedAt: now },
    ]);
    const { key } = await createBudgetKey(alice, budgetId.toString(), "old key");

    await seedBuiltinTools();
    await migrateToIntegrations();
    await migrateToIntegrations(); // a second start changes nothing
    await rebuildOwnerLists(); // the next start-up step: the old credentials join their owner's lists

    const tool = await getTool(alice, "legacy-echo");
    assert.equal(tool.integration.slug, "legacy-echo");
    assert.deepEqual(tool.credentialFields.map((f) => f.key), ["token"]);
    const storedTool = await db.collection("tools").findOne({ _id: tool._id as never });
    assert.equal(storedTool?.credentialFields, undefined, "the tool no longer holds the schema");
    const [credential] = await listCredentials(alice, { toolSlug: "legacy-echo" });
    assert.equal(credential?.integrationId, tool.integrationId);
    assert.equal((await getTool(alice, "openai-chat")).integration.slug, "openai");

    const plan = await planFor(key, "legacy-echo");
    assert.equal(plan.refusal, null);
    assert.equal(plan.outbound?.headers.authorization, "Bearer legacy-secret-value");
    const openai = await planFor(key, "openai-chat");
    assert.equal(openai.refusal, null);
    assert.equal(openai.outbound?.headers.authorization, "Bearer sk-legacylegacylegacylegacy");
    assert.equal((await db.collection("migrations").countDocuments()), 2); // integrations, owner lists
  } finally {
    await raw.close();
  }
});

test("a credential bound to an integration serves each of its tools; a tool's own binding overrides it", async () => {
  await seedBuiltinTools();
  const github = await getIntegration(alice, "github");
  assert.deepEqual((await listIntegrations(alice)).filter((i) => i.slug === "github").length, 1);
  assert.equal(github.authKind, "static");
  const budget = await createBudget(alice, { name: "github budget" });
  const budgetId = budget._id.toString();
  await addToolToBudget(alice, budgetId, "github-list-issues");
  await addToolToBudget(alice, budgetId, "github-create-issue");
  const { key } = await createBudgetKey(alice, budgetId, "k");

  assert.equal((await listWarnings(alice, budget._id)).length, 2, "both tools miss a credential");
  const missing = await planFor(key, "github-create-issue");
  assert.equal(missing.refusal?.().code, "missing_credential");

  // The setup link of one tool: the credential is the integration's, and bound to it.
  const { credential, binding } = await createCredentialForBudget(alice, { toolSlug: "github-list-issues", name: "main", fields: [{ key: "token", value: TOKEN_A }] }, budgetId);
  assert.equal(credential.integrationSlug, "github");
  assert.equal(binding?.integrationSlug, "github");
  assert.equal((await listWarnings(alice, budget._id)).length, 0);
  for (const slug of ["github-list-issues", "github-create-issue"]) {
    assert.equal((await planFor(key, slug)).outbound?.headers.authorization, `Bearer ${TOKEN_A}`, slug);
  }

  const other = await createCredential(alice, { integrationSlug: "github", name: "bot", fields: [{ key: "token", value: TOKEN_B }] });
  await bindCredential(alice, { budgetId, toolSlug: "github-create-issue", credentialId: other._id.toString() });
  assert.equal((await planFor(key, "github-create-issue")).outbound?.headers.authorization, `Bearer ${TOKEN_B}`);
  assert.equal((await planFor(key, "github-list-issues")).outbound?.headers.authorization, `Bearer ${TOKEN_A}`);

  // A credential of another integration is refused, and nothing changes.
  const weather = await createCredential(alice, { toolSlug: "tomorrow-weather", name: "w", fields: [{ key: "apiKey", value: "a".repeat(32) }] });
  await assert.rejects(bindCredential(alice, { budgetId, integrationSlug: "github", credentialId: weather._id.toString() }), ValidationError);
  assert.equal((await planFor(key, "github-list-issues")).outbound?.headers.authorization, `Bearer ${TOKEN_A}`);
});

test("a custom tool joins a custom integration; its templates are checked against the integration's fields", async () => {
  await createIntegration(alice, {
    slug: "acme",
    name: "Acme",
    authKind: "static",
    credentialFields: [{ key: "apiKey", label: "API key", secret: true, required: true }],
  });
  const tool = await createTool(alice, {
    slug: "acme-list",
    name: "Acme list",
    endpoint: { method: "GET", url: "https://acme.example/list" },
    integration: "acme",
    injection: [{ in: "header", name: "x-api-key", template: "{{apiKey}}" }],
  });
  assert.equal(tool.integration.slug, "acme");
  await assert.rejects(
    createTool(alice, {
      slug: "acme-bad",
      name: "Acme bad",
      endpoint: { method: "GET", url: "https://acme.example/list" },
      integration: "acme",
      injection: [{ in: "header", name: "x-api-key", template: "{{nope}}" }],
    }),
    (error: unknown) => error instanceof ValidationError && JSON.stringify(error.fieldErrors).includes("injection.0.template"),
  );
  await assert.rejects(
    createIntegration(alice, { slug: "github", name: "Shadow", authKind: "none" }),
    /exists already/,
  );
});
