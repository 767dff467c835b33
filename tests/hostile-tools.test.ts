// Issue 14's findings, tested from outside: the production server over HTTP, the real database, a real
// local vendor. A custom tool's credential pattern cannot stall the server (ReDoS), a tool cannot call
// the host's own interface address, and secrets echoed back in the encodings honest vendors use are masked.
import "@/tests/helpers/test-env";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { networkInterfaces } from "node:os";
import { rawClient, useTestDatabase } from "@/tests/helpers/database";
import { startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import type { GraphQLClient } from "@/tests/helpers/graphql-client";
import { startVendorStub, vendorEncodings, type TVendorStub } from "@/tests/helpers/vendor-stub";
import { userWithToken } from "@/tests/helpers/accounts";

useTestDatabase();

let server: TAppServer;
let vendor: TVendorStub;
let alice: GraphQLClient;
let bob: GraphQLClient;

before(async () => {
  server = await startAppServer();
  vendor = await startVendorStub();
  alice = await userWithToken(server.url, "alice-hostile@example.com");
  bob = await userWithToken(server.url, "bob-hostile@example.com");
});

after(async () => {
  await server?.stop();
  await vendor?.close();
});

const CREATE_TOOL = `mutation($input: CreateToolInput!) { createTool(input: $input) { slug } }`;
const CREATE_CREDENTIAL = `mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`;

function toolInput(slug: string, url: string, pattern?: string) {
  return {
    slug,
    name: slug,
    endpoint: { method: "GET", url },
    credentialFields: [{ key: "apiKey", label: "API key", secret: true, required: true, ...(pattern ? { pattern } : {}) }],
    injection: [{ in: "HEADER", name: "x-api-key", template: "{{apiKey}}" }],
  };
}

const credential = (toolSlug: string, value: string) => ({ input: { toolSlug, name: "hostile", fields: [{ key: "apiKey", value }] } });

test("a catastrophic-backtracking pattern and a hostile value: the save answers, and so does another user meanwhile", async () => {
  await alice.ok(CREATE_TOOL, { input: toolInput("redos", `${vendor.url}/echo`, "(a+)+$") });
  // 2^4095 steps for a backtracking engine: a regression hangs this test until it times out.
  const hostile = `${"a".repeat(4095)}!`;
  const [saved, others] = await Promise.all([alice.request(CREATE_CREDENTIAL, credential("redos", hostile)), bob.request(`{ tools { slug } }`)]);
  assert.equal(saved.errors?.[0]?.extensions?.code, "BAD_USER_INPUT");
  assert.deepEqual(Object.keys(saved.errors?.[0]?.extensions?.fieldErrors ?? {}), ["fields.apiKey"]);
  assert.match(saved.errors![0]!.extensions!.fieldErrors!["fields.apiKey"]![0]!, /does not look like a valid API key/);
  assert.ok(others.data?.tools.length > 0, "another user's request was answered");

  // 50,000 characters: refused for its length, and answered all the same.
  const huge = await alice.request(CREATE_CREDENTIAL, credential("redos", `${"a".repeat(50_000)}!`));
  assert.equal(huge.errors?.[0]?.extensions?.code, "BAD_USER_INPUT");
  // A value the pattern accepts is saved.
  await alice.ok(CREATE_CREDENTIAL, credential("redos", "a".repeat(4096)));
});

test("a pattern RE2 cannot run is refused when the tool is saved, with a message that says why", async () => {
  for (const pattern of ["(?<=Bearer )\\w+", "(\\w)\\1"]) {
    const res = await alice.request(CREATE_TOOL, { input: toolInput(`re2-refused-${pattern.length}`, `${vendor.url}/echo`, pattern) });
    assert.equal(res.errors?.[0]?.extensions?.code, "BAD_USER_INPUT", pattern);
    const errors = res.errors![0]!.extensions!.fieldErrors!;
    assert.deepEqual(Object.keys(errors), ["credentialFields.0.pattern"]);
    assert.match(errors["credentialFields.0.pattern"]![0]!, /RE2 syntax: no backreferences or lookarounds/);
  }
});

test("a pattern stored before RE2 was required, that RE2 refuses, makes a credential save a field error, not a crash", async () => {
  await alice.ok(CREATE_TOOL, { input: toolInput("legacy-pattern", `${vendor.url}/echo`, "sk-\\w+") });
  const db = await rawClient();
  try {
    // The credential fields live on the tool's own integration (same slug).
    const { modifiedCount } = await db.db().collection("integrations").updateOne({ slug: "legacy-pattern" }, { $set: { "credentialFields.0.pattern": "(?=sk-)(\\w)\\1+" } });
    assert.equal(modifiedCount, 1);
  } finally {
    await db.close();
  }
  const res = await alice.request(CREATE_CREDENTIAL, credential("legacy-pattern", "sk-canary-legacy"));
  assert.equal(res.errors?.[0]?.extensions?.code, "BAD_USER_INPUT");
  assert.match(res.errors![0]!.extensions!.fieldErrors!["fields.apiKey"]![0]!, /cannot be checked.*create the tool again/i);
  assert.ok(!JSON.stringify(res).includes("canary-legacy"));
});

test("a tool aimed at one of this machine's own interface addresses is refused, and the address is never called", async (t) => {
  const own = Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .find((e) => !e.internal && e.family === "IPv4");
  if (!own) return t.skip("this machine has no interface address besides loopback");
  const local = await startVendorStub(own.address);
  const strict = await startAppServer({ VAULTLINE_ALLOW_PRIVATE_HOSTS: "0" });
  try {
    await alice.ok(CREATE_TOOL, { input: { slug: "own-address", name: "own", endpoint: { method: "GET", url: `${local.url}/echo` } } });
    const b = await alice.ok(`mutation { createBudget(input: { name: "own address" }) { id } }`);
    await alice.ok(`mutation($b: ID!) { addToolToBudget(budgetId: $b, toolSlug: "own-address") { id } }`, { b: b.createBudget.id });
    const { createBudgetKey } = await alice.ok(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "agent") { key } }`, { b: b.createBudget.id });
    const res = await fetch(`${strict.url}/api/v1/tools/own-address/invoke`, { method: "POST", headers: { authorization: `Bearer ${createBudgetKey.key}` }, body: JSON.stringify({ input: {} }) });
    const body = (await res.json()) as { error: { code: string } };
    assert.deepEqual([res.status, body.error.code], [403, "destination_not_allowed"], `${own.address}: ${JSON.stringify(body)}`);
    assert.equal(local.received.length, 0, "the host's own address was not called");
  } finally {
    await strict.stop();
    await local.close();
  }
});

test("a secret echoed back escaped, percent-encoded, as HTML references or wrapped base64 never reaches the agent", async () => {
  const SECRET = "canary/ENCODED!key+with=chars~0042";
  const types = ["text/html", "text/plain", "application/json"];
  const b = await alice.ok(`mutation { createBudget(input: { name: "encodings" }) { id } }`);
  const budgetId = b.createBudget.id as string;
  const { createBudgetKey } = await alice.ok(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "agent") { key } }`, { b: budgetId });
  for (const [i, type] of types.entries()) {
    const slug = `encoded-${i}`;
    await alice.ok(CREATE_TOOL, { input: toolInput(slug, `${vendor.url}/encoded?type=${encodeURIComponent(type)}`) });
    await alice.ok(`mutation($b: ID!, $s: String!) { addToolToBudget(budgetId: $b, toolSlug: $s) { id } }`, { b: budgetId, s: slug });
    const { createCredential } = await alice.ok(CREATE_CREDENTIAL, credential(slug, SECRET));
    await alice.ok(`mutation($input: BindCredentialInput!) { bindCredential(input: $input) { id } }`, { input: { budgetId, toolSlug: slug, credentialId: createCredential.id } });
  }
  const sent = vendor.received.length;
  for (const [i, type] of types.entries()) {
    const res = await fetch(`${server.url}/api/v1/tools/encoded-${i}/invoke`, { method: "POST", headers: { authorization: `Bearer ${createBudgetKey.key}` }, body: JSON.stringify({ input: {} }) });
    const text = await res.text();
    const answer = JSON.parse(text) as { status: number; body: unknown };
    assert.equal(answer.status, 200, text);
    const body = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
    // What the agent reads, as text and as parsed: no form of the secret in either.
    for (const [name, form] of Object.entries({ plain: SECRET, ...vendorEncodings(SECRET) })) {
      assert.ok(!text.includes(form) && !text.includes(JSON.stringify(form).slice(1, -1)), `${type}, ${name}: ${form}`);
      assert.ok(!body.includes(form), `${type}, ${name} in the parsed body`);
    }
    // The wrapped base64 blobs, unwrapped and decoded: the secret is not in them.
    const echoed = typeof answer.body === "string" ? answer.body : (answer.body as { error: string }).error;
    const blobs = echoed.split("mime: ").slice(1).map((chunk) => chunk.match(/^(?:[A-Za-z0-9+/=•]|\r\n)+/)![0]);
    assert.equal(blobs.length, 3, `${type}: the three base64 blobs came back`);
    for (const blob of blobs) {
      assert.ok(blob.includes("\r\n") && blob.includes("••••••••"), `${type}: a wrapped blob, masked`);
      assert.ok(!Buffer.from(blob.replace(/\r\n/g, "").split("••••••••").join("AAAA"), "base64").toString("latin1").includes(SECRET), type);
    }
    assert.ok(text.includes("••••••••"), type);
  }
  assert.equal(vendor.received.length, sent + types.length);
  assert.ok(vendor.received.slice(sent).every((r) => r.headers["x-api-key"] === SECRET), "the vendor did receive the secret");
});

test("a secret too short to be scrubbed is refused at save, with a message that says why, and nothing is stored", async () => {
  await alice.ok(CREATE_TOOL, { input: toolInput("short-secret", `${vendor.url}/echo`) });
  for (const value of ["a", "ab", "abc"]) {
    const res = await alice.request(CREATE_CREDENTIAL, credential("short-secret", value));
    assert.equal(res.errors?.[0]?.extensions?.code, "BAD_USER_INPUT", value);
    assert.match(res.errors![0]!.extensions!.fieldErrors!["fields.apiKey"]![0]!, /too short to keep out of what agents see: a secret needs at least 4 characters/);
  }
  const { credentials } = await alice.ok(`{ credentials { tool { slug } } }`);
  assert.ok(!credentials.some((c: { tool: { slug: string } }) => c.tool.slug === "short-secret"));
  await alice.ok(CREATE_CREDENTIAL, credential("short-secret", "abcd"));
});

test("agent input cannot repeat a query parameter the endpoint URL fixes: refused, not sent, not charged", async () => {
  await alice.ok(CREATE_TOOL, { input: { slug: "fixed-query", name: "fixed", costCents: 1, endpoint: { method: "GET", url: `${vendor.url}/echo?scope=read` } } });
  const b = await alice.ok(`mutation { createBudget(input: { name: "fixed query", limitCents: 100 }) { id } }`);
  await alice.ok(`mutation($b: ID!) { addToolToBudget(budgetId: $b, toolSlug: "fixed-query") { id } }`, { b: b.createBudget.id });
  const { createBudgetKey } = await alice.ok(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "agent") { key } }`, { b: b.createBudget.id });
  const call = (input: unknown) =>
    fetch(`${server.url}/api/v1/tools/fixed-query/invoke`, { method: "POST", headers: { authorization: `Bearer ${createBudgetKey.key}` }, body: JSON.stringify({ input }) });
  const sent = vendor.received.length;
  const refused = await call({ scope: "admin" });
  const body = (await refused.json()) as { error: { code: string; fieldErrors: Record<string, string[]> } };
  assert.deepEqual([refused.status, body.error.code], [400, "invalid_input"]);
  assert.deepEqual(Object.keys(body.error.fieldErrors), ["input.scope"]);
  assert.equal(vendor.received.length, sent, "nothing reached the vendor");
  const ok = await call({ q: "x" });
  assert.equal(ok.status, 200, await ok.text());
  assert.equal(vendor.received.at(-1)!.search, "?scope=read&q=x");
  // Spent totals are written in the background (about a second): wait for the accepted call's cent.
  let spent = 0;
  for (let i = 0; i < 50 && spent === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    spent = (await alice.ok(`query($b: ID!) { budget(id: $b) { spentCents } }`, { b: b.createBudget.id })).budget.spentCents;
  }
  assert.equal(spent, 1, "only the accepted call was charged");
});
