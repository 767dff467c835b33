// The audit trail from outside: changes made over GraphQL (a token) and the dashboard's sign-in are
// recorded with who, from where and the request id, never a value; another owner sees none of them;
// pages go back by cursor; the export is JSON lines; secret use is counted (written at shutdown here);
// and verify-audit names entries edited or deleted directly in the database.
import "@/tests/helpers/test-env";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { rawClient, useTestDatabase } from "@/tests/helpers/database";
import { startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import type { GraphQLClient } from "@/tests/helpers/graphql-client";
import { startVendorStub, type TVendorStub } from "@/tests/helpers/vendor-stub";
import { TEST_PASSWORD, userWithToken } from "@/tests/helpers/accounts";
import { signIn, signOut } from "@/tests/helpers/sign-in";
import { entryId } from "@/lib/services/audit/audit-chain";

useTestDatabase();

const SECRET = "sk-canaryAUDITsecret000000000042";
let server: TAppServer;
let vendor: TVendorStub;
let alice: GraphQLClient;
let bob: GraphQLClient;
let aliceToken: string;
let budgetKey: string;

const TRAIL = `query($first: Int, $after: String, $action: String) { auditTrail(first: $first, after: $after, action: $action) {
  nodes { seq at action actor { kind id } target { type id } details source requestId hash } pageInfo { endCursor hasNextPage } } }`;

before(async () => {
  server = await startAppServer();
  vendor = await startVendorStub();
  alice = await userWithToken(server.url, "alice-audit@example.com");
  bob = await userWithToken(server.url, "bob-audit@example.com");
  aliceToken = (await alice.ok(`mutation { createAccessToken(name: "export") { token } }`)).createAccessToken.token;
});
after(async () => {
  await server?.stop();
  await vendor?.close();
});

test("changes over GraphQL are recorded with actor, address and request id, and no value", async () => {
  await alice.ok(`mutation($input: CreateToolInput!) { createTool(input: $input) { slug } }`, {
    input: { slug: "audited", name: "audited", endpoint: { method: "GET", url: `${vendor.url}/echo` }, credentialFields: [{ key: "apiKey", label: "API key", secret: true, required: true }], injection: [{ in: "HEADER", name: "x-api-key", template: "{{apiKey}}" }] },
  });
  const { createBudget } = await alice.ok(`mutation { createBudget(input: { name: "audited" }) { id } }`);
  const { createCredential } = await alice.ok(`mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`, {
    input: { toolSlug: "audited", name: "prod", budgetId: createBudget.id, fields: [{ key: "apiKey", value: SECRET }] },
  });
  const { createBudgetKey } = await alice.ok(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "agent") { key budgetKey { id } } }`, { b: createBudget.id });
  budgetKey = createBudgetKey.key;
  const { createBudgetKey: second } = await alice.ok(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "second") { budgetKey { id } } }`, { b: createBudget.id });
  await alice.ok(`mutation($id: ID!) { revokeBudgetKey(id: $id) { id } }`, { id: second.budgetKey.id });

  const { auditTrail } = await alice.ok(TRAIL, { first: 100 });
  const actions = auditTrail.nodes.map((n: { action: string }) => n.action);
  for (const a of ["user.created", "access_token.created", "tool.created", "budget.created", "credential.created", "binding.created", "budget_key.created", "budget_key.revoked"]) assert.ok(actions.includes(a), `${a} in ${actions}`);
  const created = auditTrail.nodes.find((n: { action: string }) => n.action === "credential.created");
  assert.equal(created.target.id, createCredential.id);
  assert.equal(created.actor.kind, "token");
  assert.match(created.actor.id, /^pat_/);
  assert.equal(created.source, "127.0.0.1");
  assert.match(created.requestId, /^[0-9a-f-]{36}$/);
  assert.deepEqual(JSON.parse(created.details).fields, ["apiKey"]);
  const revoked = auditTrail.nodes.find((n: { action: string }) => n.action === "budget_key.revoked");
  assert.equal(revoked.target.id, second.budgetKey.id);
  const seqs = auditTrail.nodes.map((n: { seq: number }) => n.seq);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), "newest first");
  assert.ok(!JSON.stringify(auditTrail).includes(SECRET));
  assert.ok(!JSON.stringify(auditTrail).includes(budgetKey), "no budget key in the trail");

  const { auditTrail: bobs } = await bob.ok(TRAIL, { first: 100 });
  assert.ok(bobs.nodes.every((n: { target: { id: string } }) => n.target.id !== createCredential.id), "bob sees none of alice's entries");
});

test("sign-in, failed sign-in and sign-out are recorded with the client's address", async () => {
  assert.equal(await signIn(server.url, "alice-audit@example.com", "wrong password!"), null);
  const session = await signIn(server.url, "alice-audit@example.com", TEST_PASSWORD);
  assert.ok(session);
  await signOut(server.url, session);
  const { auditTrail } = await alice.ok(TRAIL, { first: 3 });
  assert.deepEqual(auditTrail.nodes.map((n: { action: string }) => n.action), ["user.signed_out", "user.signed_in", "user.sign_in_failed"]);
  assert.ok(auditTrail.nodes.every((n: { source: string }) => n.source === "127.0.0.1"));
  assert.ok(!JSON.stringify(auditTrail).includes(TEST_PASSWORD));
});

test("pages go back by cursor without overlap; a filter narrows; the export is every entry as JSON lines", async () => {
  const seen: number[] = [];
  let after: string | null = null;
  for (;;) {
    const { auditTrail }: { auditTrail: { nodes: { seq: number }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } } = await alice.ok(TRAIL, { first: 4, after });
    seen.push(...auditTrail.nodes.map((n) => n.seq));
    if (!auditTrail.pageInfo.hasNextPage) break;
    after = auditTrail.pageInfo.endCursor;
  }
  assert.deepEqual(seen, Array.from({ length: seen.length }, (_, i) => seen.length - i));
  const { auditTrail: keys } = await alice.ok(TRAIL, { first: 50, action: "budget_key.created" });
  assert.equal(keys.nodes.length, 2);
  assert.equal((await alice.request(TRAIL, { after: "not-a-cursor" })).errors?.[0]?.extensions?.code, "BAD_USER_INPUT");

  const res = await fetch(`${server.url}/api/audit/export`, { headers: { authorization: `Bearer ${aliceToken}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /application\/x-ndjson/);
  const lines = (await res.text()).trimEnd().split("\n").map((l) => JSON.parse(l) as { seq: number });
  assert.deepEqual(lines.map((l) => l.seq), [...seen].reverse());
  assert.equal((await fetch(`${server.url}/api/audit/export`)).status, 401);
});

test("secret use is counted per credential, key and tool, and verify-audit names edited and deleted entries", async () => {
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${server.url}/api/v1/tools/audited/invoke`, { method: "POST", headers: { authorization: `Bearer ${budgetKey}` }, body: JSON.stringify({ input: {} }) });
    assert.equal(res.status, 200, await res.text());
  }
  // Counts are written once a minute, and when the server stops (as here).
  await new Promise((r) => setTimeout(r, 1_500));
  await server.stop();
  const db = await rawClient();
  try {
    const entries = db.db().collection<{ _id: string; ownerId: string; seq: number; action: string; details: Record<string, unknown> }>("audit_entries");
    const used = await entries.find({ action: "secret.used" }).toArray();
    assert.equal(used.length, 1, JSON.stringify(used));
    assert.equal(used[0]!.details.calls, 3);
    assert.equal(used[0]!.details.tool, "audited");
    assert.match(String(used[0]!.details.keyId), /^bk_/);

    const admin = promisify(execFile);
    const intact = await admin("node_modules/.bin/tsx", ["scripts/admin.ts", "verify-audit"], { env: process.env });
    assert.match(intact.stdout, /audit trail intact/);

    const owner = used[0]!.ownerId;
    assert.equal((await entries.updateOne({ _id: entryId(owner, 3) }, { $set: { "details.name": "edited" } })).modifiedCount, 1);
    assert.equal((await entries.deleteOne({ _id: entryId(owner, 5) })).deletedCount, 1);
    const tampered = await admin("node_modules/.bin/tsx", ["scripts/admin.ts", "verify-audit"], { env: process.env }).then(
      () => assert.fail("verify-audit exits 1 on a tampered trail"),
      (error: { code: number; stdout: string }) => error,
    );
    assert.equal(tampered.code, 1);
    assert.match(tampered.stdout, new RegExp(`edited: owner ${owner}, entry 3\\n`));
    assert.match(tampered.stdout, new RegExp(`deleted: owner ${owner}, entry 5\\n`));
    assert.equal(tampered.stdout.match(/^(edited|deleted|chain broken|head mismatch):/gm)?.length, 2, tampered.stdout);
  } finally {
    await db.close();
  }
});
