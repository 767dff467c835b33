import "@/tests/helpers/test-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { Binary, BSON } from "mongodb";
import { Types } from "mongoose";
import { env } from "@/lib/env";
import { decryptSecret, splitNamespace } from "@/lib/crypto/field-encryption";
import { Credential } from "@/models/credential";
import type { TActor } from "@/lib/services/actor";
import { NotFoundError, ValidationError } from "@/lib/services/errors";
import {
  createCredential,
  credentialFieldViews,
  deleteCredential,
  getCredential,
  listCredentials,
  updateCredential,
} from "@/lib/services/credentials/credentials.service";
import { createTool, getTool, seedBuiltinTools } from "@/lib/services/tools/tools.service";
import { createBudget } from "@/lib/services/budgets/budgets.service";
import { bindCredential, listBindings } from "@/lib/services/bindings/bindings.service";
import { rawClient, useTestDatabase } from "@/tests/helpers/database";

useTestDatabase();

const alice: TActor = { kind: "user", userId: new Types.ObjectId().toString() };
const bob: TActor = { kind: "user", userId: new Types.ObjectId().toString() };
const OPENAI_KEY = "sk-canaryOPENAIsecretvalue0001";
const WEATHER_KEY = "CanaryWeatherKey0123456789abcdef";
const DFS_PASSWORD = "canary-basic-auth-password";

/** Every document of every collection, serialized to BSON bytes: what a raw database reader gets. */
async function everyStoredByte(): Promise<{ bytes: Buffer; docs: Record<string, unknown>[] }> {
  const client = await rawClient();
  try {
    const docs: Record<string, unknown>[] = [];
    for (const dbName of [new URL(env().MONGODB_URI).pathname.slice(1), splitNamespace(env().CSFLE_KEY_VAULT_NAMESPACE)[0]]) {
      const db = client.db(dbName);
      for (const { name } of await db.listCollections().toArray()) {
        docs.push(...(await db.collection(name).find().toArray()));
      }
    }
    return { bytes: Buffer.concat(docs.map((d) => Buffer.from(BSON.serialize(d)))), docs };
  } finally {
    await client.close();
  }
}

test("seeding the catalog twice leaves one copy of each built-in tool", async () => {
  await seedBuiltinTools();
  await seedBuiltinTools();
  const tool = await getTool(alice, "openai-chat");
  assert.equal(tool.credentialFields.length, 2);
  assert.equal(await (await import("@/models/tool")).Tool.countDocuments({ _id: "openai-chat" }), 1);
});

test("a raw read of every collection finds no secret plaintext, and secret fields as Binary subtype 6", async () => {
  const openai = await createCredential(alice, {
    toolSlug: "openai-chat",
    name: "OpenAI prod",
    fields: [
      { key: "apiKey", value: OPENAI_KEY },
      { key: "organization", value: "org-canaryplain" },
    ],
  });
  await createCredential(alice, { toolSlug: "tomorrow-weather", name: "Weather", fields: [{ key: "apiKey", value: WEATHER_KEY }] });
  await createCredential(bob, {
    toolSlug: "dataforseo-serp",
    name: "DFS",
    fields: [
      { key: "login", value: "bob@example.com" },
      { key: "password", value: DFS_PASSWORD },
    ],
  });

  const { bytes, docs } = await everyStoredByte();
  for (const secret of [OPENAI_KEY, WEATHER_KEY, DFS_PASSWORD]) {
    assert.equal(bytes.includes(Buffer.from(secret)), false, "plaintext secret found in the database");
    assert.equal(bytes.includes(Buffer.from(secret).toString("base64")), false, "base64 secret found in the database");
  }
  const stored = docs.find((d) => String(d._id) === openai._id.toString()) as { fields: { key: string; cipher?: Binary; value?: string; hint?: string }[] };
  const apiKey = stored.fields.find((f) => f.key === "apiKey")!;
  assert.ok(apiKey.cipher instanceof Binary);
  assert.equal(apiKey.cipher.sub_type, 6);
  assert.equal(apiKey.value, undefined);
  assert.equal(apiKey.hint, "0001", "the tool allows a 4-character hint for API keys");
  assert.equal(stored.fields.find((f) => f.key === "organization")?.value, "org-canaryplain", "plain fields stay plain");

  const bobsPassword = (docs.find((d) => d.name === "DFS") as typeof stored).fields.find((f) => f.key === "password")!;
  assert.equal(bobsPassword.hint, undefined, "passwords get no hint");
  assert.equal(await decryptSecret(apiKey.cipher), OPENAI_KEY);
});

test("reads return masks, never secrets", async () => {
  const [credential] = await listCredentials(alice, { toolSlug: "openai-chat" });
  const views = credentialFieldViews(credential!, await getTool(alice, "openai-chat"));
  assert.deepEqual(views, [
    { key: "apiKey", label: "API key", secret: true, value: null, masked: true, hint: "0001" },
    { key: "organization", label: "Organization ID", secret: false, value: "org-canaryplain", masked: false, hint: null },
  ]);
});

test("invalid input is refused with field errors and writes nothing", async () => {
  const cases: [string, unknown, string][] = [
    ["unknown tool", { toolSlug: "no-such-tool", name: "x", fields: [] }, "toolSlug"],
    ["missing required field", { toolSlug: "openai-chat", name: "x", fields: [] }, "fields.apiKey"],
    ["pattern mismatch", { toolSlug: "openai-chat", name: "x", fields: [{ key: "apiKey", value: "not-a-key-canary" }] }, "fields.apiKey"],
    ["unknown field", { toolSlug: "open-meteo", name: "x", fields: [{ key: "apiKey", value: "canary" }] }, "fields.apiKey"],
    ["oversize value", { toolSlug: "dataforseo-serp", name: "x", fields: [{ key: "login", value: "a" }, { key: "password", value: "p".repeat(5000) }] }, "fields.password"],
    ["an entry without a usable key", { toolSlug: "open-meteo", name: "x", fields: [{ key: "", value: "canary" }] }, "fields"],
    ["oversize name", { toolSlug: "open-meteo", name: "n".repeat(101), fields: [] }, "name"],
    ["field given twice", { toolSlug: "tomorrow-weather", name: "x", fields: [{ key: "apiKey", value: WEATHER_KEY }, { key: "apiKey", value: WEATHER_KEY }] }, "fields.apiKey"],
    ["control characters", { toolSlug: "dataforseo-serp", name: "x", fields: [{ key: "login", value: "a\r\nX-Evil: 1" }, { key: "password", value: "a password" }] }, "fields.login"],
    ["not an object", "sk-canary", "_"],
    ["a character no header can carry, in a field sent in a header", { toolSlug: "tomorrow-weather", name: "x", fields: [{ key: "apiKey", value: "canary€0123456789abcdefghijklmnop" }] }, "fields.apiKey"],
  ];
  const before = await everyStoredByte();
  for (const [label, input, field] of cases) {
    await assert.rejects(createCredential(alice, input), (error: unknown) => {
      assert.ok(error instanceof ValidationError, label);
      assert.ok(error.fieldErrors[field], `${label}: expected an error on ${field}, got ${JSON.stringify(error.fieldErrors)}`);
      assert.ok(!JSON.stringify(error.fieldErrors).includes("canary") && !error.message.includes("canary"), `${label}: echoes input`);
      return true;
    });
  }
  const after = await everyStoredByte();
  assert.equal(after.docs.length, before.docs.length, "a refused save wrote something");
  await assert.rejects(
    createCredential(alice, { toolSlug: "tomorrow-weather", name: "x", fields: [{ key: "apiKey", value: "canary€0123456789abcdefghijklmnop" }] }),
    (error: unknown) => (error as ValidationError).fieldErrors["fields.apiKey"]?.[0] === "The API key contains characters an HTTP header cannot carry (the tool sends it in a header). Paste it again without accents or symbols.",
  );
});

test("update: a secret left out keeps its value, a secret given replaces it, a bad one changes nothing", async () => {
  const created = await createCredential(alice, {
    toolSlug: "openai-chat",
    name: "Rotating",
    fields: [{ key: "apiKey", value: "sk-canaryFIRSTvalue00000001" }],
  });
  const id = created._id.toString();
  const secretOf = async () => decryptSecret((await Credential.findById(id).lean())!.fields.find((f) => f.key === "apiKey")!.cipher!);

  await updateCredential(alice, id, { name: "Renamed", fields: [{ key: "organization", value: "org-abc" }] });
  assert.equal(await secretOf(), "sk-canaryFIRSTvalue00000001");
  assert.equal((await getCredential(alice, id)).name, "Renamed");

  await updateCredential(alice, id, { fields: [{ key: "apiKey", value: "sk-canarySECONDvalue0000002" }] });
  assert.equal(await secretOf(), "sk-canarySECONDvalue0000002");
  assert.equal((await getCredential(alice, id)).fields.find((f) => f.key === "apiKey")?.hint, "0002");

  const snapshot = await Credential.findById(id).lean();
  await assert.rejects(updateCredential(alice, id, { fields: [{ key: "apiKey", value: "" }] }), ValidationError);
  await assert.rejects(updateCredential(alice, id, { fields: [{ key: "apiKey", value: "wrong-format" }] }), ValidationError);
  assert.deepEqual(await Credential.findById(id).lean(), snapshot);

  await updateCredential(alice, id, { fields: [{ key: "organization", value: "" }] });
  assert.equal((await getCredential(alice, id)).fields.some((f) => f.key === "organization"), false, "an empty optional value clears it");
});

test("another owner's credential is not found, for every verb", async () => {
  const [credential] = await listCredentials(alice, { toolSlug: "tomorrow-weather" });
  const id = credential!._id.toString();
  await assert.rejects(getCredential(bob, id), NotFoundError);
  await assert.rejects(updateCredential(bob, id, { name: "mine" }), NotFoundError);
  await assert.rejects(deleteCredential(bob, id), NotFoundError);
  await assert.rejects(getCredential(bob, "not-an-id"), NotFoundError);
  assert.equal((await listCredentials(bob)).some((c) => c._id.toString() === id), false);
  assert.equal((await getCredential(alice, id)).name, "Weather");
});

test("custom tools: validated, private to their owner, and unable to shadow a built-in", async () => {
  const definition = {
    slug: "acme-crm",
    name: "ACME CRM",
    endpoint: { method: "POST", url: "https://api.acme.test/v1/contacts" },
    credentialFields: [{ key: "token", label: "Token", secret: true, required: true }],
    injection: [{ in: "header", name: "X-Api-Token", template: "{{token}}" }],
  };
  await createTool(alice, definition);
  assert.equal((await getTool(alice, "acme-crm")).name, "ACME CRM");
  await assert.rejects(getTool(bob, "acme-crm"), NotFoundError);
  await assert.rejects(createTool(alice, definition), /exists already/);
  await assert.rejects(createTool(bob, { ...definition, slug: "openai-chat" }), /exists already/);
  await assert.rejects(
    createTool(bob, { ...definition, slug: "bad-tool", injection: [{ in: "header", name: "Host", template: "{{nope}}" }] }),
    (error: unknown) => error instanceof ValidationError && !!error.fieldErrors["injection.0.template"] && !!error.fieldErrors["injection.0.name"],
  );
  await assert.rejects(
    createTool(bob, { ...definition, slug: "bad-url", endpoint: { method: "GET", url: "ftp://user:pw@x" } }),
    ValidationError,
  );
});

test("deleting a credential removes the bindings that used it", async () => {
  const credential = await createCredential(alice, { toolSlug: "tomorrow-weather", name: "Bound", fields: [{ key: "apiKey", value: WEATHER_KEY }] });
  const budget = await createBudget(alice, { name: "Agents", limitCents: 500 });
  await bindCredential(alice, { budgetId: budget._id.toString(), toolSlug: "tomorrow-weather", credentialId: credential._id.toString() });
  assert.equal((await listBindings(alice, budget._id)).length, 1);
  assert.equal(await deleteCredential(alice, credential._id.toString()), true);
  assert.equal((await listBindings(alice, budget._id)).length, 0);
  await assert.rejects(getCredential(alice, credential._id.toString()), NotFoundError);
});
