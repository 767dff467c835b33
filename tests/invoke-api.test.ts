// The agent route, end to end: the production server, the real database, a real local HTTP vendor.
import "@/tests/helpers/test-env";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { rawClient, useTestDatabase } from "@/tests/helpers/database";
import { startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import { GraphQLClient } from "@/tests/helpers/graphql-client";
import { startVendorStub, type TVendorStub } from "@/tests/helpers/vendor-stub";
import { userWithToken } from "@/tests/helpers/accounts";

useTestDatabase();

// Secrets chosen to exercise the scrubber: URL-reserved characters, and one per credential kind.
const HEADER_KEY = "canaryHEADERkey/with+slash=0001";
const BEARER_TOKEN = "canaryBEARERtoken_0002_abcdefgh";
const QUERY_KEY = "canary QUERY&key?0003";
const BODY_TOKEN = "canaryBODYtoken\"quoted\"0004";
const BASIC_PASSWORD = "canaryBASICpassword:0005";
const OTHER_BUDGET_KEY = "canaryOTHERbudgetKEY0006";
const ESCAPED_KEY = "canary/ESCAPED&key0007";
const SECRETS = [HEADER_KEY, BEARER_TOKEN, QUERY_KEY, BODY_TOKEN, BASIC_PASSWORD, OTHER_BUDGET_KEY, ESCAPED_KEY];

let server: TAppServer;
let vendor: TVendorStub;
let elsewhere: TVendorStub;
let alice: GraphQLClient;
let bob: GraphQLClient;
const agentResponses: string[] = [];

type TToolSpec = {
  slug: string;
  method?: string;
  path: string;
  costCents?: number;
  fields?: { key: string; secret: boolean; required?: boolean }[];
  injection?: { in: string; name: string; template: string }[];
};

async function defineTool(client: GraphQLClient, spec: TToolSpec, base = vendor.url): Promise<void> {
  await client.ok(`mutation($input: CreateToolInput!) { createTool(input: $input) { slug } }`, {
    input: {
      slug: spec.slug,
      name: spec.slug,
      endpoint: { method: spec.method ?? "GET", url: `${base}${spec.path}` },
      costCents: spec.costCents ?? 0,
      credentialFields: (spec.fields ?? []).map((f) => ({ key: f.key, label: f.key, secret: f.secret, required: f.required ?? true })),
      injection: spec.injection ?? [],
    },
  });
}

async function budget(client: GraphQLClient, name: string, limitCents: number | null = null): Promise<{ id: string; key: string }> {
  const { createBudget } = await client.ok(`mutation($name: String!, $limit: Int) { createBudget(input: { name: $name, limitCents: $limit }) { id } }`, { name, limit: limitCents });
  const { createBudgetKey } = await client.ok(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "agent") { key budgetKey { id } } }`, { b: createBudget.id });
  return { id: createBudget.id, key: createBudgetKey.key };
}

async function addTool(client: GraphQLClient, budgetId: string, slug: string): Promise<void> {
  await client.ok(`mutation($b: ID!, $s: String!) { addToolToBudget(budgetId: $b, toolSlug: $s) { id } }`, { b: budgetId, s: slug });
}

async function bindNew(client: GraphQLClient, budgetId: string, toolSlug: string, fields: Record<string, string>): Promise<string> {
  const { createCredential } = await client.ok(`mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`, {
    input: { toolSlug, name: `${toolSlug} credential`, fields: Object.entries(fields).map(([key, value]) => ({ key, value })) },
  });
  await client.ok(`mutation($input: BindCredentialInput!) { bindCredential(input: $input) { id } }`, {
    input: { budgetId, toolSlug, credentialId: createCredential.id },
  });
  return createCredential.id;
}

async function invoke(key: string, slug: string, input: Record<string, unknown> = {}, base = server.url) {
  const res = await fetch(`${base}/api/v1/tools/${slug}/invoke`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ input }),
  });
  const text = await res.text();
  agentResponses.push(text, JSON.stringify([...res.headers]));
  return { status: res.status, json: JSON.parse(text) as Record<string, any> };
}

let main: { id: string; key: string };

before(async () => {
  vendor = await startVendorStub();
  elsewhere = await startVendorStub();
  // At debug level the gateway logs every call, not only failed ones: the leak check below reads them all.
  server = await startAppServer({
    VAULTLINE_ALLOW_PRIVATE_HOSTS: "1",
    VAULTLINE_VENDOR_TIMEOUT_MS: "1000",
    VAULTLINE_VENDOR_MAX_BYTES: "65536",
    LOG_LEVEL: "debug",
  });
  alice = await userWithToken(server.url, "alice@example.com");
  bob = await userWithToken(server.url, "bob@example.com");

  await defineTool(alice, { slug: "echo-header", path: "/echo", costCents: 1, fields: [{ key: "apiKey", secret: true }], injection: [{ in: "HEADER", name: "X-Api-Key", template: "{{apiKey}}" }] });
  await defineTool(alice, { slug: "echo-bearer", method: "POST", path: "/echo", fields: [{ key: "token", secret: true }], injection: [{ in: "HEADER", name: "Authorization", template: "Bearer {{token}}" }] });
  await defineTool(alice, { slug: "echo-query", path: "/echo?fixed=1", fields: [{ key: "apiKey", secret: true }], injection: [{ in: "QUERY", name: "api_key", template: "{{apiKey}}" }] });
  await defineTool(alice, {
    slug: "echo-body",
    method: "POST",
    path: "/echo",
    fields: [{ key: "token", secret: true }, { key: "account", secret: false }],
    injection: [{ in: "BODY", name: "auth.token", template: "{{token}}" }, { in: "BODY", name: "account", template: "{{account}}" }],
  });
  await defineTool(alice, {
    slug: "echo-basic",
    method: "POST",
    path: "/echo",
    fields: [{ key: "user", secret: false }, { key: "password", secret: true }],
    injection: [{ in: "BASIC_AUTH", name: "username", template: "{{user}}" }, { in: "BASIC_AUTH", name: "password", template: "{{password}}" }],
  });
  await defineTool(alice, { slug: "free-echo", path: "/echo" });
  const withKey = { fields: [{ key: "apiKey", secret: true }], injection: [{ in: "HEADER", name: "X-Api-Key", template: "{{apiKey}}" }] };
  await defineTool(alice, { slug: "slow", path: "/slow", costCents: 1, ...withKey });
  await defineTool(alice, { slug: "huge", path: "/huge", costCents: 1, ...withKey });
  await defineTool(alice, { slug: "redirect-away", method: "POST", path: `/redirect?to=${encodeURIComponent(`${elsewhere.url}/echo`)}`, costCents: 1, ...withKey });
  await defineTool(alice, { slug: "redirect-home", method: "POST", path: "/redirect?to=/echo", ...withKey });
  await defineTool(alice, { slug: "vendor-error", path: "/status?code=503", ...withKey });
  await defineTool(alice, { slug: "echo-escaped", path: "/escaped", ...withKey });

  main = await budget(alice, "main");
  for (const slug of ["echo-header", "echo-bearer", "echo-query", "echo-body", "echo-basic", "free-echo", "slow", "huge", "redirect-away", "redirect-home", "vendor-error", "echo-escaped"]) {
    await addTool(alice, main.id, slug);
  }
  await bindNew(alice, main.id, "echo-header", { apiKey: HEADER_KEY });
  await bindNew(alice, main.id, "echo-bearer", { token: BEARER_TOKEN });
  await bindNew(alice, main.id, "echo-query", { apiKey: QUERY_KEY });
  await bindNew(alice, main.id, "echo-body", { token: BODY_TOKEN, account: "acct-42" });
  await bindNew(alice, main.id, "echo-basic", { user: "alice", password: BASIC_PASSWORD });
  for (const slug of ["slow", "huge", "redirect-away", "redirect-home", "vendor-error"]) await bindNew(alice, main.id, slug, { apiKey: HEADER_KEY });
  await bindNew(alice, main.id, "echo-escaped", { apiKey: ESCAPED_KEY });
});

after(async () => {
  await server?.stop();
  await vendor?.close();
  await elsewhere?.close();
});

const lastReceived = () => vendor.received.at(-1)!;

describe("injection reaches the vendor exactly as configured; the agent never sees it", () => {
  test("header", async () => {
    const { status, json } = await invoke(main.key, "echo-header", { city: "Lyon" });
    assert.equal(status, 200);
    assert.equal(lastReceived().headers["x-api-key"], HEADER_KEY);
    assert.equal(lastReceived().query.city, "Lyon", "GET input goes as query parameters");
    assert.equal(json.status, 200);
    assert.equal(json.body.headers["x-api-key"], "••••••••");
    assert.equal(json.headers["x-ratelimit-remaining"], "99");
    assert.equal(json.headers["set-cookie"], undefined, "only safe vendor headers are passed on");
    assert.equal(lastReceived().headers.authorization, undefined, "the agent's budget key never reaches the vendor");
  });

  test("bearer token", async () => {
    const { json } = await invoke(main.key, "echo-bearer", { prompt: "hi" });
    assert.equal(lastReceived().headers.authorization, `Bearer ${BEARER_TOKEN}`);
    assert.deepEqual(lastReceived().body, { prompt: "hi" }, "POST input goes as the JSON body");
    // The whole injected value is masked, prefix included.
    assert.equal(json.body.headers.authorization, "••••••••");
    assert.equal(json.headers["x-echo-authorization"], undefined);
  });

  test("query parameter", async () => {
    const { json } = await invoke(main.key, "echo-query", { api_key: "agent-tries-to-override" });
    assert.equal(lastReceived().query.api_key, QUERY_KEY, "the injected value wins over the agent's input");
    assert.equal(lastReceived().query.fixed, "1");
    assert.equal(json.body.query.api_key, "••••••••");
  });

  test("JSON body field", async () => {
    const { json } = await invoke(main.key, "echo-body", { q: "x", auth: { token: "agent-value", other: 1 } });
    assert.deepEqual(lastReceived().body, { q: "x", auth: { token: BODY_TOKEN, other: 1 }, account: "acct-42" });
    assert.equal(json.body.body.auth.token, "••••••••");
    assert.equal(json.body.body.account, "acct-42", "plain fields are not secrets");
  });

  test("HTTP basic auth", async () => {
    const { json } = await invoke(main.key, "echo-basic");
    const expected = `Basic ${Buffer.from(`alice:${BASIC_PASSWORD}`).toString("base64")}`;
    assert.equal(lastReceived().headers.authorization, expected);
    assert.equal(json.body.headers.authorization, "••••••••");
  });

  test("echoed with the vendor's own JSON escapes, the secret is still scrubbed", async () => {
    const { json } = await invoke(main.key, "echo-escaped");
    assert.equal(lastReceived().headers["x-api-key"], ESCAPED_KEY);
    assert.equal(json.body.echo["x-api-key"], "••••••••");
  });

  test("echoed in base64 and URL-encoded forms, the secrets are still scrubbed", async () => {
    for (const slug of ["echo-header", "echo-bearer", "echo-query", "echo-body", "echo-basic"]) {
      const { json } = await invoke(main.key, slug, { pad: "a" });
      const text = JSON.stringify(json);
      const decoded = Buffer.from(json.body.base64, "base64").toString("utf8") + decodeURIComponent(json.body.urlEncoded);
      for (const secret of SECRETS) {
        assert.equal(text.includes(secret), false, `${slug}: plain`);
        assert.equal(decoded.includes(secret), false, `${slug}: a decoded echo still holds the secret`);
      }
    }
  });
});

describe("budgets and bindings", () => {
  test("different budgets bound to different credentials of the same tool inject each their own", async () => {
    const other = await budget(alice, "other");
    await addTool(alice, other.id, "echo-header");
    await bindNew(alice, other.id, "echo-header", { apiKey: OTHER_BUDGET_KEY });
    await invoke(main.key, "echo-header");
    assert.equal(lastReceived().headers["x-api-key"], HEADER_KEY);
    await invoke(other.key, "echo-header");
    assert.equal(lastReceived().headers["x-api-key"], OTHER_BUDGET_KEY);
  });

  test("a tool without credentials works once allowed in the budget", async () => {
    const { status, json } = await invoke(main.key, "free-echo", { a: 1 });
    assert.equal(status, 200);
    assert.equal(json.body.query.a, "1");
  });

  test("a missing credential: missing_credential with a setupUrl, a warning, cleared by binding", async () => {
    const b = await budget(alice, "needs setup");
    await addTool(alice, b.id, "echo-header");
    const hits = vendor.received.length;
    const first = await invoke(b.key, "echo-header");
    await invoke(b.key, "echo-header");
    assert.equal(first.status, 424);
    assert.equal(first.json.error.code, "missing_credential");
    assert.equal(first.json.error.tool, "echo-header");
    assert.equal(first.json.error.budgetId, b.id);
    const setup = new URL(first.json.error.setupUrl);
    assert.equal(setup.origin, server.url);
    assert.equal(setup.pathname, "/credentials/new");
    assert.deepEqual([setup.searchParams.get("tool"), setup.searchParams.get("budget")], ["echo-header", b.id]);
    assert.equal(vendor.received.length, hits, "the vendor was not called");

    // Calls are counted by the batched usage writer, within a fraction of a second.
    const warningOf = async () =>
      (await alice.ok("{ warnings { kind budget { id } tool { slug } setupUrl count lastSeenAt } }")).warnings.find(
        (w: { budget: { id: string } }) => w.budget.id === b.id,
      );
    await waitFor(async () => (await warningOf())?.count === 2);
    const warning = await warningOf();
    assert.deepEqual({ ...warning, lastSeenAt: undefined }, {
      kind: "MISSING_CREDENTIAL",
      budget: { id: b.id },
      tool: { slug: "echo-header" },
      setupUrl: first.json.error.setupUrl,
      count: 2,
      lastSeenAt: undefined,
    });
    assert.equal((await bob.ok("{ warnings { count } }")).warnings.length, 0, "warnings are the owner's own");

    await bindNew(alice, b.id, "echo-header", { apiKey: HEADER_KEY });
    assert.equal((await alice.ok("{ warnings { budget { id } } }")).warnings.some((w: { budget: { id: string } }) => w.budget.id === b.id), false);
    assert.equal((await invoke(b.key, "echo-header")).status, 200);
  });

  test("a deleted credential is missing again", async () => {
    const b = await budget(alice, "deleted credential");
    await addTool(alice, b.id, "echo-bearer");
    const credentialId = await bindNew(alice, b.id, "echo-bearer", { token: BEARER_TOKEN });
    assert.equal((await invoke(b.key, "echo-bearer")).status, 200);
    await alice.ok(`mutation($id: ID!) { deleteCredential(id: $id) }`, { id: credentialId });
    assert.equal((await invoke(b.key, "echo-bearer")).json.error.code, "missing_credential");
  });

  test("revoked and unknown keys are unauthorized", async () => {
    const b = await budget(alice, "revoked");
    await addTool(alice, b.id, "free-echo");
    assert.equal((await invoke(b.key, "free-echo")).status, 200);
    const { budget: withKeys } = await alice.ok(`query($id: ID!) { budget(id: $id) { keys { id } } }`, { id: b.id });
    await alice.ok(`mutation($id: ID!) { revokeBudgetKey(id: $id) { id } }`, { id: withKeys.keys[0].id });
    const revoked = await invoke(b.key, "free-echo");
    assert.deepEqual([revoked.status, revoked.json.error.code], [401, "unauthorized"]);
    for (const key of ["vl_live_unknownunknownunknownunknownunknownunkno", "not-a-key", ""]) {
      const res = await invoke(key, "free-echo");
      assert.deepEqual([res.status, res.json.error.code], [401, "unauthorized"]);
    }
  });

  test("another owner's key reaches none of this owner's tools or credentials", async () => {
    const bobs = await budget(bob, "bob");
    const hits = vendor.received.length;
    // Alice's custom tools are not Bob's: not in his budget, and he cannot add them.
    assert.equal((await invoke(bobs.key, "echo-header")).json.error.code, "tool_not_allowed");
    const add = await bob.request(`mutation($b: ID!) { addToolToBudget(budgetId: $b, toolSlug: "echo-header") { id } }`, { b: bobs.id });
    assert.equal(add.errors?.[0]?.extensions?.code, "NOT_FOUND");
    // A built-in tool in Bob's budget finds no credential of Alice's.
    await addTool(bob, bobs.id, "openai-chat");
    assert.equal((await invoke(bobs.key, "openai-chat")).json.error.code, "missing_credential");
    assert.equal(vendor.received.length, hits);
  });

  test("a tool not in the budget is tool_not_allowed", async () => {
    const b = await budget(alice, "narrow");
    const res = await invoke(b.key, "echo-header");
    assert.deepEqual([res.status, res.json.error.code], [403, "tool_not_allowed"]);
    assert.equal((await invoke(b.key, "no-such-tool")).json.error.code, "tool_not_allowed");
  });

  test("an exhausted budget is budget_exhausted and the vendor is not called", async () => {
    const b = await budget(alice, "tiny", 2);
    await addTool(alice, b.id, "echo-header");
    await bindNew(alice, b.id, "echo-header", { apiKey: HEADER_KEY });
    assert.equal((await invoke(b.key, "echo-header")).status, 200);
    assert.equal((await invoke(b.key, "echo-header")).status, 200);
    const hits = vendor.received.length;
    const res = await invoke(b.key, "echo-header");
    assert.deepEqual([res.status, res.json.error.code], [402, "budget_exhausted"]);
    assert.equal(vendor.received.length, hits);
    assert.equal((await invoke(b.key, "free-echo")).json.error.code, "tool_not_allowed");
  });

  test("a limit changed in the dashboard applies to the very next call (the gateway's unused slice goes back)", async () => {
    // Changes go through GraphQL, in the dashboard's process; the gateway holds the budget slice.
    const b = await budget(alice, "lowered", 100);
    await addTool(alice, b.id, "echo-header");
    await bindNew(alice, b.id, "echo-header", { apiKey: HEADER_KEY });
    assert.equal((await invoke(b.key, "echo-header")).status, 200); // the gateway takes a slice of 10 cents
    const setLimit = (limit: number) => alice.ok(`mutation($id: ID!, $limit: Int) { updateBudget(id: $id, input: { limitCents: $limit }) { id } }`, { id: b.id, limit });
    await setLimit(1);
    const hits = vendor.received.length;
    const res = await invoke(b.key, "echo-header");
    assert.deepEqual([res.status, res.json.error.code], [402, "budget_exhausted"]);
    assert.equal(vendor.received.length, hits, "the rest of the old slice was not spent");
    await setLimit(2);
    assert.equal((await invoke(b.key, "echo-header")).status, 200);
    assert.equal((await invoke(b.key, "echo-header")).status, 402);
  });

  test("many parallel calls against a small budget never overspend it", async () => {
    const b = await budget(alice, "contended", 10);
    await addTool(alice, b.id, "echo-header");
    await bindNew(alice, b.id, "echo-header", { apiKey: HEADER_KEY });
    const hits = vendor.received.length;
    const results = await Promise.all(Array.from({ length: 60 }, () => invoke(b.key, "echo-header")));
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 200).length, 10);
    assert.equal(statuses.filter((s) => s === 402).length, 50);
    assert.equal(vendor.received.length - hits, 10, "the vendor was called exactly as often as the budget allows");
    await waitFor(async () => (await alice.ok(`query($id: ID!) { budget(id: $id) { spentCents } }`, { id: b.id })).budget.spentCents === 10);
  });
});

describe("vendor trouble gets clear errors", () => {
  test("what cannot travel in a header is refused when saved, and vendor_request_invalid if stored before", async () => {
    const euro = "key-with-a-euro-sign-€-0123456789";
    const saved = await alice.request(`mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`, {
      input: { toolSlug: "echo-header", name: "unsendable", fields: [{ key: "apiKey", value: euro }] },
    });
    assert.equal(saved.errors?.[0]?.extensions?.code, "BAD_USER_INPUT");
    assert.deepEqual(Object.keys(saved.errors?.[0]?.extensions?.fieldErrors ?? {}), ["fields.apiKey"]);
    assert.equal(JSON.stringify(saved).includes(euro), false, "the error echoes the value");

    // A tool stored before templates were checked, with a character no header can carry.
    await defineTool(alice, { slug: "legacy-header", path: "/echo", fields: [{ key: "apiKey", secret: true }], injection: [{ in: "HEADER", name: "X-Api-Key", template: "{{apiKey}}" }] });
    const raw = await rawClient();
    try {
      await raw.db().collection("tools").updateOne({ slug: "legacy-header" }, { $set: { "injection.0.template": "€ {{apiKey}}" } });
    } finally {
      await raw.close();
    }
    const b = await budget(alice, "unsendable");
    await addTool(alice, b.id, "legacy-header");
    await bindNew(alice, b.id, "legacy-header", { apiKey: HEADER_KEY });
    const hits = vendor.received.length;
    const res = await invoke(b.key, "legacy-header");
    assert.deepEqual([res.status, res.json.error.code], [502, "vendor_request_invalid"]);
    assert.equal(vendor.received.length, hits);
    assert.equal((await invoke(main.key, "echo-header")).status, 200, "the gateway still serves");
  });

  test("a slow vendor is vendor_timeout", async () => {
    const res = await invoke(main.key, "slow");
    assert.deepEqual([res.status, res.json.error.code], [504, "vendor_timeout"]);
  });

  test("a huge response is refused", async () => {
    const res = await invoke(main.key, "huge");
    assert.deepEqual([res.status, res.json.error.code], [502, "vendor_response_too_large"]);
  });

  test("a redirect to another host is not followed with the credential", async () => {
    const before = elsewhere.received.length;
    const res = await invoke(main.key, "redirect-away");
    assert.deepEqual([res.status, res.json.error.code], [502, "redirect_not_allowed"]);
    assert.equal(elsewhere.received.length, before, "the other host received nothing");
  });

  test("a redirect within the vendor's origin is followed", async () => {
    const res = await invoke(main.key, "redirect-home", { a: 1 });
    assert.equal(res.status, 200);
    assert.equal(lastReceived().path, "/echo");
    assert.equal(lastReceived().headers["x-api-key"], HEADER_KEY);
  });

  test("a vendor error is passed on as the vendor's status, scrubbed", async () => {
    const res = await invoke(main.key, "vendor-error");
    assert.equal(res.status, 200);
    assert.equal(res.json.status, 503);
    assert.equal(res.json.body.echo["x-api-key"], "••••••••");
  });

  test("bad bodies and methods are refused clearly", async () => {
    const raw = await fetch(`${server.url}/api/v1/tools/free-echo/invoke`, { method: "POST", headers: { authorization: `Bearer ${main.key}` }, body: "{not json" });
    assert.deepEqual([raw.status, ((await raw.json()) as any).error.code], [400, "invalid_input"]);
    const wrongShape = await fetch(`${server.url}/api/v1/tools/free-echo/invoke`, { method: "POST", headers: { authorization: `Bearer ${main.key}` }, body: JSON.stringify({ input: "x", extra: 1 }) });
    assert.equal(((await wrongShape.json()) as any).error.code, "invalid_input");
    const get = await fetch(`${server.url}/api/v1/tools/free-echo/invoke`);
    assert.deepEqual([get.status, ((await get.json()) as any).error.code], [405, "method_not_allowed"]);
  });
});

test("a change made through one server reaches another server's warm cache within seconds", async () => {
  const other = await startAppServer({ VAULTLINE_ALLOW_PRIVATE_HOSTS: "1" });
  try {
    const b = await budget(alice, "two servers");
    await addTool(alice, b.id, "free-echo");
    assert.equal((await invoke(b.key, "free-echo", {}, other.url)).status, 200); // warms the other server's cache
    const { budget: withKeys } = await alice.ok(`query($id: ID!) { budget(id: $id) { keys { id } } }`, { id: b.id });
    await alice.ok(`mutation($id: ID!) { revokeBudgetKey(id: $id) { id } }`, { id: withKeys.keys[0].id });
    // Well before the 10-second expiry: the other server polls the shared cache epoch every second.
    await waitFor(async () => (await invoke(b.key, "free-echo", {}, other.url)).status === 401, 4_000);
  } finally {
    await other.stop();
  }
});

test("private, loopback and metadata endpoints are refused without VAULTLINE_ALLOW_PRIVATE_HOSTS", async () => {
  const strict = await startAppServer({ VAULTLINE_ALLOW_PRIVATE_HOSTS: "0" });
  try {
    await defineTool(alice, { slug: "metadata", path: "/latest/meta-data/" }, "http://169.254.169.254");
    await defineTool(alice, { slug: "localhost-name", path: "/echo" }, vendor.url.replace("127.0.0.1", "localhost"));
    const b = await budget(alice, "strict");
    for (const slug of ["free-echo", "metadata", "localhost-name"]) await addTool(alice, b.id, slug);
    const hits = vendor.received.length;
    for (const slug of ["free-echo", "metadata", "localhost-name"]) {
      const res = await invoke(b.key, slug, {}, strict.url);
      assert.deepEqual([res.status, res.json.error.code], [403, "destination_not_allowed"], slug);
    }
    assert.equal(vendor.received.length, hits);
  } finally {
    await strict.stop();
  }
});

test("usage is recorded per call and exposed per budget; credentials show when they were last used", async () => {
  await waitFor(async () => {
    const { budget } = await alice.ok(`query($id: ID!) { budget(id: $id) { usage(limit: 100) { toolSlug status vendorStatus errorCode latencyMs costCents at } } }`, { id: main.id });
    return budget.usage.some((u: { errorCode: string }) => u.errorCode === "vendor_timeout");
  });
  const { budget } = await alice.ok(`query($id: ID!) { budget(id: $id) { spentCents usage(limit: 100) { toolSlug status vendorStatus errorCode latencyMs costCents } } }`, { id: main.id });
  const byTool = (tool: string) => budget.usage.filter((u: { toolSlug: string }) => u.toolSlug === tool);
  assert.ok(byTool("echo-header").every((u: any) => u.status === 200 && u.vendorStatus === 200 && u.costCents === 1 && u.latencyMs >= 0));
  assert.deepEqual(byTool("redirect-away").map((u: any) => [u.status, u.errorCode, u.costCents]), [[502, "redirect_not_allowed", 1]]);
  assert.deepEqual(byTool("slow").map((u: any) => [u.status, u.errorCode, u.costCents]), [[504, "vendor_timeout", 1]]);
  const { credentials } = await alice.ok(`{ credentials(toolSlug: "echo-header") { lastUsedAt } }`);
  assert.ok(credentials.some((c: { lastUsedAt: string | null }) => c.lastUsedAt));
});

test("a custom tool changed through GraphQL: the next agent call uses the new definition; deleting it leaves every budget", async () => {
  await defineTool(alice, { slug: "mutable", method: "POST", path: "/echo/v1", costCents: 1, fields: [{ key: "token", secret: true }], injection: [{ in: "HEADER", name: "X-Token", template: "{{token}}" }] });
  const b = await budget(alice, "mutable");
  await addTool(alice, b.id, "mutable");
  const credentialId = await bindNew(alice, b.id, "mutable", { token: HEADER_KEY });
  assert.equal((await invoke(b.key, "mutable")).json.body.path, "/echo/v1");

  const UPDATE = `mutation($slug: String!, $input: UpdateToolInput!) { updateTool(slug: $slug, input: $input) { slug name costCents endpoint { url } } }`;
  const input = { name: "Mutable v2", endpoint: { method: "POST", url: `${vendor.url}/echo/v2` }, costCents: 3, injection: [{ in: "HEADER", name: "X-Token", template: "Token {{token}}" }] };
  const { updateTool } = await alice.ok(UPDATE, { slug: "mutable", input });
  assert.deepEqual(updateTool, { slug: "mutable", name: "Mutable v2", costCents: 3, endpoint: { url: `${vendor.url}/echo/v2` } });
  const after = await invoke(b.key, "mutable");
  assert.equal(after.json.body.path, "/echo/v2", "the gateway dropped its cached plan");
  assert.equal(vendor.received.at(-1)!.headers["x-token"], `Token ${HEADER_KEY}`);

  // What cannot change, what must stay valid, and whose tools these are.
  const refused = await alice.request(UPDATE, { slug: "mutable", input: { ...input, injection: [{ in: "HEADER", name: "X-Token", template: "{{nope}}" }] } });
  assert.deepEqual(refused.errors?.[0]?.extensions?.fieldErrors, { "injection.0.template": ["references {{nope}}, which is not a credential field"] });
  assert.equal(await alice.errorCode(UPDATE, { slug: "open-meteo", input }), "NOT_FOUND", "built-in tools do not change");
  assert.equal(await bob.errorCode(UPDATE, { slug: "mutable", input }), "NOT_FOUND");
  assert.equal(await bob.errorCode(`mutation { deleteTool(slug: "mutable") }`), "NOT_FOUND");
  assert.equal((await alice.ok(`{ tool(slug: "mutable") { name } }`)).tool.name, "Mutable v2", "refusals changed nothing");

  assert.deepEqual(await alice.ok(`mutation { deleteTool(slug: "mutable") }`), { deleteTool: "mutable" });
  const { budget: left } = await alice.ok(`query($b: ID!) { budget(id: $b) { tools { slug } bindings { id } } }`, { b: b.id });
  assert.deepEqual(left, { tools: [], bindings: [] });
  assert.equal((await invoke(b.key, "mutable")).json.error.code, "tool_not_allowed");
  assert.equal((await alice.ok(`{ tool(slug: "mutable") { slug } }`)).tool, null);
  assert.equal((await alice.ok(`query($id: ID!) { credential(id: $id) { id } }`, { id: credentialId })).credential.id, credentialId, "the person's credential stays");
});

test("no secret appears in any agent response or log line", async () => {
  const responses = agentResponses.join("\n");
  await new Promise((r) => setTimeout(r, 1_100)); // the gateway writes its lines at least once a second
  const logs = server.output();
  assert.ok(logs.includes('"msg":"invoke"') && logs.includes('"status":200'), "the server's lines for successful calls were captured");
  for (const secret of SECRETS) {
    for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")]) {
      assert.equal(responses.includes(form), false, `an agent response contains a form of ${secret.slice(0, 14)}…`);
      assert.equal(logs.includes(form), false, `the log contains a form of ${secret.slice(0, 14)}…`);
    }
  }
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}
