// Credential health against the real database and a real local vendor: the verify request on save says
// whether the vendor accepted a credential (saved either way); a vendor's 401/403 raises one warning per
// credential, cleared by saving new values; expiry dates warn 14 and 3 days before and at expiry, naming
// the budgets and tools that will break.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { Types } from "mongoose";
import { useTestDatabase } from "@/tests/helpers/database";
import { connectDb } from "@/lib/db/connection";
import type { TActor } from "@/lib/services/actor";
import { seedBuiltinTools, createTool } from "@/lib/services/tools/tools.service";
import { createIntegration } from "@/lib/services/integrations/integrations.service";
import { createBudget, addToolToBudget } from "@/lib/services/budgets/budgets.service";
import { getCredential, updateCredential } from "@/lib/services/credentials/credentials.service";
import { createCredentialForBudget } from "@/lib/services/bindings/bindings.service";
import { verifyCredential } from "@/lib/services/credentials/verify-credential";
import { listWarnings, recordCredentialRejected } from "@/lib/services/warnings/warnings.service";

useTestDatabase();

const alice: TActor = { kind: "user", userId: new Types.ObjectId().toString() };
const GOOD = "good-key-canary-0001";
let vendor: Server;
let vendorUrl = "";

before(async () => {
  await connectDb();
  await seedBuiltinTools();
  vendor = createServer((req, res) => {
    res.writeHead(req.headers["x-api-key"] === GOOD ? 200 : 401, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => vendor.listen(0, "127.0.0.1", resolve));
  vendorUrl = `http://127.0.0.1:${(vendor.address() as { port: number }).port}`;
  await createIntegration(alice, {
    slug: "checked",
    name: "Checked",
    authKind: "static",
    credentialFields: [{ key: "apiKey", label: "API key", secret: true, required: true }],
    verify: { method: "GET", url: `${vendorUrl}/whoami` },
  });
  await createTool(alice, {
    slug: "checked-list",
    name: "Checked list",
    endpoint: { method: "GET", url: `${vendorUrl}/list` },
    integration: "checked",
    injection: [{ in: "header", name: "x-api-key", template: "{{apiKey}}" }],
  });
});
after(() => new Promise<void>((resolve) => vendor.close(() => resolve())));

async function boundCredential(name: string, apiKey: string, expiresAt?: Date) {
  const budget = await createBudget(alice, { name });
  await addToolToBudget(alice, budget._id.toString(), "checked-list");
  const { credential } = await createCredentialForBudget(alice, { integrationSlug: "checked", name, fields: [{ key: "apiKey", value: apiKey }], expiresAt }, budget._id.toString());
  return { budget, credential };
}

test("the verify request says whether the vendor accepted the credential, which is saved either way", async () => {
  const good = await boundCredential("good", GOOD);
  assert.equal((await verifyCredential(alice, good.credential._id.toString())).outcome, "accepted");
  const bad = await boundCredential("bad", "wrong-key");
  const verdict = await verifyCredential(alice, bad.credential._id.toString());
  assert.deepEqual([verdict.outcome, verdict.status], ["rejected", 401]);
  assert.equal((await getCredential(alice, bad.credential._id.toString())).verification?.outcome, "rejected", "stored on the credential");
  // The vendor away: still saved, and said so.
  const away = await createIntegration(alice, { slug: "away", name: "Away", authKind: "static", credentialFields: [{ key: "apiKey", label: "Key", secret: true, required: true }], verify: { method: "GET", url: "http://127.0.0.1:9/none" } });
  await createTool(alice, { slug: "away-tool", name: "Away tool", endpoint: { method: "GET", url: "http://127.0.0.1:9/x" }, integration: away.slug, injection: [{ in: "header", name: "x-api-key", template: "{{apiKey}}" }] });
  const { credential } = await createCredentialForBudget(alice, { integrationSlug: "away", name: "away", fields: [{ key: "apiKey", value: "away-key" }] }, null);
  assert.equal((await verifyCredential(alice, credential._id.toString())).outcome, "unreachable");
});

test("a vendor's 401/403 raises one warning per credential (counted), cleared by saving new values", async () => {
  const { budget, credential } = await boundCredential("refused", "refused-key");
  const ownerId = new Types.ObjectId((alice as { userId: string }).userId);
  await recordCredentialRejected(ownerId, credential._id, 3, new Date());
  await recordCredentialRejected(ownerId, credential._id, 2, new Date());
  const warnings = (await listWarnings(alice, budget._id)).filter((w) => w.kind === "credential_rejected");
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.count, 5);
  assert.equal(warnings[0]!.toolSlug, "checked-list");
  assert.match(warnings[0]!.setupUrl, new RegExp(`/credentials/${credential._id.toString()}$`));
  await updateCredential(alice, credential._id.toString(), { fields: [{ key: "apiKey", value: GOOD }] });
  assert.equal((await listWarnings(alice, budget._id)).filter((w) => w.kind === "credential_rejected").length, 0);
});

test("expiry dates warn from 14 days before, and at expiry, naming the budget and tool", async () => {
  const day = 86_400_000;
  const soon = await boundCredential("soon", GOOD, new Date(Date.now() + 10 * day));
  const urgent = await boundCredential("urgent", GOOD, new Date(Date.now() + 2 * day));
  const gone = await boundCredential("gone", GOOD, new Date(Date.now() - day));
  const later = await boundCredential("later", GOOD, new Date(Date.now() + 20 * day));
  const kinds = async (budgetId: Types.ObjectId) => (await listWarnings(alice, budgetId)).map((w) => `${w.kind}:${w.budgetName}:${w.toolSlug}`);
  assert.deepEqual(await kinds(soon.budget._id), ["credential_expiring:soon:checked-list"]);
  assert.deepEqual(await kinds(urgent.budget._id), ["credential_expiring:urgent:checked-list"]);
  assert.deepEqual(await kinds(gone.budget._id), ["credential_expired:gone:checked-list"]);
  assert.deepEqual(await kinds(later.budget._id), []);
  await updateCredential(alice, gone.credential._id.toString(), { expiresAt: null });
  assert.deepEqual(await kinds(gone.budget._id), []);
});
