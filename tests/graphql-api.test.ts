// The GraphQL API over HTTP, against the production server and the real database: what an integrator
// (or an attacker holding another owner's token) can and cannot do.
import "@/tests/helpers/test-env";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { decryptSecret } from "@/lib/crypto/field-encryption";
import { Credential } from "@/models/credential";
import { connectDb } from "@/lib/db/connection";
import { useTestDatabase } from "@/tests/helpers/database";
import { startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import { GraphQLClient } from "@/tests/helpers/graphql-client";
import { admin, TEST_PASSWORD as PASSWORD, userWithToken as createUserWithToken } from "@/tests/helpers/accounts";
import { startVendorStub } from "@/tests/helpers/vendor-stub";

useTestDatabase();

const SECRET_1 = "sk-canaryGQLfirstSECRET000000a1";
const SECRET_2 = "sk-canaryGQLsecondSECRET00000b2";
const CANARIES = [SECRET_1, SECRET_2, "canaryTypedIntoAnInt", "canaryWrongPattern", PASSWORD];

let server: TAppServer;
let alice: GraphQLClient;
let bob: GraphQLClient;
let anonymous: GraphQLClient;
const clients: GraphQLClient[] = [];

async function userWithToken(email: string): Promise<GraphQLClient> {
  const client = await createUserWithToken(server.url, email);
  clients.push(client);
  return client;
}

const CREDENTIAL_FIELDS = "id name tool { slug } fields { key label secret value masked hint } budgets { id } lastUsedAt createdAt";
const CREATE_CREDENTIAL = `mutation($input: CreateCredentialInput!) { createCredential(input: $input) { ${CREDENTIAL_FIELDS} } }`;
const BUDGET_FIELDS = "id name limitCents spentCents tools { slug } bindings { id tool { slug } credential { id } } keys { id name prefix revokedAt }";

before(async () => {
  server = await startAppServer();
  anonymous = new GraphQLClient(server.url);
  clients.push(anonymous);
  alice = await userWithToken("alice@example.com");
  bob = await userWithToken("bob@example.com");
  await connectDb();
});

after(async () => {
  await server?.stop();
});

describe("authentication", () => {
  test("anonymous calls and unknown tokens get UNAUTHENTICATED", async () => {
    assert.equal(await anonymous.errorCode("{ viewer { id } }"), "UNAUTHENTICATED");
    assert.equal(await anonymous.errorCode("{ credentials { id } }"), "UNAUTHENTICATED");
    assert.equal(await anonymous.errorCode(`mutation { createBudget(input: { name: "x" }) { id } }`), "UNAUTHENTICATED");
    const forged = new GraphQLClient(server.url, { authorization: "Bearer vl_pat_forgedforgedforgedforgedforgedforgedforg" });
    clients.push(forged);
    assert.equal(await forged.errorCode("{ viewer { id } }"), "UNAUTHENTICATED");
    // A bad token does not fall back to anything else.
    const malformed = new GraphQLClient(server.url, { authorization: "Basic abc" });
    assert.equal(await malformed.errorCode("{ budgets { id } }"), "UNAUTHENTICATED");
  });

  test("a personal access token identifies its owner", async () => {
    const { viewer } = await alice.ok("{ viewer { email } }");
    assert.equal(viewer.email, "alice@example.com");
  });

  test("a revoked token stops working", async () => {
    const { createAccessToken } = await alice.ok(`mutation { createAccessToken(name: "short-lived") { token accessToken { id prefix } } }`);
    assert.ok(createAccessToken.token.startsWith(createAccessToken.accessToken.prefix));
    const shortLived = new GraphQLClient(server.url, { authorization: `Bearer ${createAccessToken.token}` });
    assert.equal((await shortLived.ok("{ viewer { email } }")).viewer.email, "alice@example.com");
    const { accessTokens } = await alice.ok("{ accessTokens { id prefix } }");
    assert.ok(accessTokens.every((t: Record<string, unknown>) => !("token" in t)));
    await alice.ok(`mutation($id: ID!) { revokeAccessToken(id: $id) { revokedAt } }`, { id: createAccessToken.accessToken.id });
    assert.equal(await shortLived.errorCode("{ viewer { email } }"), "UNAUTHENTICATED");
    assert.equal(await bob.errorCode(`mutation($id: ID!) { revokeAccessToken(id: $id) { id } }`, { id: createAccessToken.accessToken.id }), "NOT_FOUND");
  });

  test("a dashboard session cookie works too (next-auth credentials sign-in)", async () => {
    const csrf = await fetch(`${server.url}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const signIn = await fetch(`${server.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
      body: new URLSearchParams({ csrfToken, email: "bob@example.com", password: PASSWORD, json: "true" }),
    });
    const session = signIn.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
    assert.ok(session, "no session cookie after signing in");
    assert.match(session, /HttpOnly/i);
    const viaCookie = new GraphQLClient(server.url, { cookie: session.split(";")[0]! });
    assert.equal((await viaCookie.ok("{ viewer { email } }")).viewer.email, "bob@example.com");
  });
});

describe("credentials, budgets, keys and bindings", () => {
  let credentialId: string;
  let budgetId: string;

  test("tools: the built-in catalog covers header, bearer, basic auth and no credentials", async () => {
    const { tools } = await alice.ok("{ tools { slug builtin needsCredentials injection { in name template } credentialFields { key secret required } } }");
    const bySlug = new Map(tools.map((t: { slug: string }) => [t.slug, t]));
    const kinds = tools.flatMap((t: { injection: { in: string; template: string }[] }) => t.injection.map((i) => `${i.in}:${i.template.startsWith("Bearer") ? "bearer" : ""}`));
    assert.ok(kinds.includes("HEADER:") && kinds.includes("HEADER:bearer") && kinds.includes("BASIC_AUTH:"));
    assert.equal((bySlug.get("open-meteo") as { needsCredentials: boolean }).needsCredentials, false);
    assert.equal((await alice.ok(`{ tool(slug: "nope") { slug } }`)).tool, null);
  });

  test("create a credential: the answer shows masks, never the secret", async () => {
    const { createCredential } = await alice.ok(CREATE_CREDENTIAL, {
      input: { toolSlug: "openai-chat", name: "OpenAI", fields: [{ key: "apiKey", value: SECRET_1 }, { key: "organization", value: "org-visible" }] },
    });
    credentialId = createCredential.id;
    assert.deepEqual(createCredential.fields, [
      { key: "apiKey", label: "API key", secret: true, value: null, masked: true, hint: "00a1" },
      { key: "organization", label: "Organization ID", secret: false, value: "org-visible", masked: false, hint: null },
    ]);
    const { credential } = await alice.ok(`query($id: ID!) { credential(id: $id) { ${CREDENTIAL_FIELDS} } }`, { id: credentialId });
    assert.equal(credential.fields[0].value, null);
    const { credentials } = await alice.ok(`{ credentials(toolSlug: "openai-chat") { id } }`);
    assert.deepEqual(credentials.map((c: { id: string }) => c.id), [credentialId]);
  });

  test("update: leaving the secret out keeps it, giving one replaces it", async () => {
    const stored = async () => decryptSecret((await Credential.findById(credentialId).lean())!.fields.find((f) => f.key === "apiKey")!.cipher!);
    const UPDATE = `mutation($id: ID!, $input: UpdateCredentialInput!) { updateCredential(id: $id, input: $input) { name fields { key value masked hint } } }`;
    const renamed = await alice.ok(UPDATE, { id: credentialId, input: { name: "OpenAI main" } });
    assert.equal(renamed.updateCredential.name, "OpenAI main");
    assert.equal(await stored(), SECRET_1);
    const replaced = await alice.ok(UPDATE, { id: credentialId, input: { fields: [{ key: "apiKey", value: SECRET_2 }] } });
    assert.equal(replaced.updateCredential.fields[0].hint, "00b2");
    assert.equal(await stored(), SECRET_2);
  });

  test("invalid input is BAD_USER_INPUT with field errors, echoes nothing and writes nothing", async () => {
    const count = () => Credential.countDocuments();
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ toolSlug: "no-such-tool", name: "x", fields: [] }, "toolSlug"],
      [{ toolSlug: "openai-chat", name: "x", fields: [] }, "fields.apiKey"],
      [{ toolSlug: "openai-chat", name: "x", fields: [{ key: "apiKey", value: "canaryWrongPattern" }] }, "fields.apiKey"],
      [{ toolSlug: "open-meteo", name: "x", fields: [{ key: "token", value: SECRET_1 }] }, "fields.token"],
      [{ toolSlug: "tomorrow-weather", name: "x", fields: [{ key: "apiKey", value: "x".repeat(10_000) }] }, "fields.apiKey"],
    ];
    for (const [input, field] of cases) {
      const result = await alice.request(CREATE_CREDENTIAL, { input });
      assert.equal(result.errors?.[0]?.extensions?.code, "BAD_USER_INPUT");
      assert.ok(result.errors?.[0]?.extensions?.fieldErrors?.[field], `expected an error on ${field}: ${JSON.stringify(result.errors)}`);
    }
    // A secret sent where the schema wants an Int: GraphQL's own coercion error must not quote it.
    const typed = await alice.request(`mutation($limit: Int) { createBudget(input: { name: "x", limitCents: $limit }) { id } }`, { limit: "canaryTypedIntoAnInt" });
    assert.equal(typed.errors?.[0]?.extensions?.code, "BAD_USER_INPUT");
    const literal = await alice.request(`mutation { createBudget(input: { name: "x", limitCents: "canaryTypedIntoAnInt" }) { id } }`);
    assert.equal(literal.errors?.[0]?.extensions?.code, "GRAPHQL_VALIDATION_FAILED");
    const negative = await alice.request(`mutation { createBudget(input: { name: "x", limitCents: -5 }) { id } }`);
    assert.ok(negative.errors?.[0]?.extensions?.fieldErrors?.limitCents);
    assert.equal(await count(), before);
    assert.equal((await alice.ok("{ budgets { id } }")).budgets.length, 0);
  });

  test("budgets, keys and bindings", async () => {
    const { createBudget } = await alice.ok(`mutation { createBudget(input: { name: "Research agent", limitCents: 1000 }) { ${BUDGET_FIELDS} } }`);
    budgetId = createBudget.id;
    assert.deepEqual([createBudget.limitCents, createBudget.spentCents, createBudget.tools], [1000, 0, []]);

    const { addToolToBudget } = await alice.ok(`mutation($b: ID!) { addToolToBudget(budgetId: $b, toolSlug: "open-meteo") { tools { slug } } }`, { b: budgetId });
    assert.deepEqual(addToolToBudget.tools, [{ slug: "open-meteo" }]);

    const { createBudgetKey } = await alice.ok(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "laptop") { key budgetKey { id prefix name createdAt } } }`, { b: budgetId });
    assert.match(createBudgetKey.key, /^vl_live_[A-Za-z0-9_-]{43}$/);
    assert.ok(createBudgetKey.key.startsWith(createBudgetKey.budgetKey.prefix));

    const { bindCredential } = await alice.ok(
      `mutation($input: BindCredentialInput!) { bindCredential(input: $input) { id tool { slug } credential { id } budget { id tools { slug } } } }`,
      { input: { budgetId, toolSlug: "openai-chat", credentialId } },
    );
    assert.equal(bindCredential.credential.id, credentialId);
    assert.deepEqual(bindCredential.budget.tools.map((t: { slug: string }) => t.slug).sort(), ["open-meteo", "openai-chat"]);

    // Binding a credential of another tool is refused.
    const { createCredential: weather } = await alice.ok(CREATE_CREDENTIAL, {
      input: { toolSlug: "tomorrow-weather", name: "Weather", fields: [{ key: "apiKey", value: "CanaryWeatherKey0123456789abcdef" }] },
    });
    assert.equal(
      await alice.errorCode(`mutation($input: BindCredentialInput!) { bindCredential(input: $input) { id } }`, { input: { budgetId, toolSlug: "openai-chat", credentialId: weather.id } }),
      "BAD_USER_INPUT",
    );

    const { budget } = await alice.ok(`query($id: ID!) { budget(id: $id) { ${BUDGET_FIELDS} } }`, { id: budgetId });
    assert.equal(budget.bindings.length, 1);
    assert.equal(budget.keys[0].prefix, createBudgetKey.budgetKey.prefix);
    assert.ok(!JSON.stringify(budget).includes(createBudgetKey.key), "a key is shown once only");
    const { credential } = await alice.ok(`query($id: ID!) { credential(id: $id) { budgets { id } } }`, { id: credentialId });
    assert.deepEqual(credential.budgets, [{ id: budgetId }]);

    const { revokeBudgetKey } = await alice.ok(`mutation($id: ID!) { revokeBudgetKey(id: $id) { revokedAt } }`, { id: createBudgetKey.budgetKey.id });
    assert.ok(revokeBudgetKey.revokedAt);
    const { updateBudget } = await alice.ok(`mutation($id: ID!) { updateBudget(id: $id, input: { limitCents: null }) { name limitCents } }`, { id: budgetId });
    assert.deepEqual(updateBudget, { name: "Research agent", limitCents: null });
  });

  test("a second owner gets null for every lookup of the first's ids, NOT_FOUND for every write, and can bind none of them", async () => {
    const { createCredential: bobsCredential } = await bob.ok(CREATE_CREDENTIAL, {
      input: { toolSlug: "openai-chat", name: "Bob's", fields: [{ key: "apiKey", value: "sk-bobsOWNkey0000000000000000" }] },
    });
    const { createBudget: bobsBudget } = await bob.ok(`mutation { createBudget(input: { name: "Bob" }) { id } }`);
    const { budget } = await alice.ok(`query($id: ID!) { budget(id: $id) { keys { id } } }`, { id: budgetId });
    const keyId = budget.keys[0].id;
    const attempts: [string, Record<string, unknown>][] = [
      [`query($id: ID!) { credential(id: $id) { id } }`, { id: credentialId }],
      [`mutation($id: ID!) { updateCredential(id: $id, input: { name: "mine" }) { id } }`, { id: credentialId }],
      [`mutation($id: ID!) { deleteCredential(id: $id) }`, { id: credentialId }],
      [`query($id: ID!) { budget(id: $id) { id } }`, { id: budgetId }],
      [`mutation($id: ID!) { updateBudget(id: $id, input: { name: "mine" }) { id } }`, { id: budgetId }],
      [`mutation($id: ID!) { deleteBudget(id: $id) }`, { id: budgetId }],
      [`mutation($id: ID!) { addToolToBudget(budgetId: $id, toolSlug: "open-meteo") { id } }`, { id: budgetId }],
      [`mutation($id: ID!) { removeToolFromBudget(budgetId: $id, toolSlug: "openai-chat") { id } }`, { id: budgetId }],
      [`mutation($id: ID!) { createBudgetKey(budgetId: $id, name: "mine") { key } }`, { id: budgetId }],
      [`mutation($id: ID!) { revokeBudgetKey(id: $id) { id } }`, { id: keyId }],
      [`mutation($id: ID!) { unbindCredential(budgetId: $id, toolSlug: "openai-chat") }`, { id: budgetId }],
      [`mutation($b: ID!, $c: ID!) { bindCredential(input: { budgetId: $b, toolSlug: "openai-chat", credentialId: $c }) { id } }`, { b: bobsBudget.id, c: credentialId }],
      [`mutation($b: ID!, $c: ID!) { bindCredential(input: { budgetId: $b, toolSlug: "openai-chat", credentialId: $c }) { id } }`, { b: budgetId, c: bobsCredential.id }],
      [`query($id: ID!) { credential(id: $id) { id } }`, { id: "000000000000000000000000" }],
    ];
    for (const [query, variables] of attempts) {
      const result = await bob.request(query, variables);
      if (query.startsWith("query")) assert.deepEqual([result.errors, result.data], [undefined, { [query.includes("budget(") ? "budget" : "credential"]: null }], `${query}: a lookup answers null`);
      else assert.equal(result.errors?.[0]?.extensions?.code, "NOT_FOUND", `${query}: ${JSON.stringify(result)}`);
    }
    // An id that does not exist and another owner's id answer exactly alike, and a null lookup leaves its siblings.
    const missing = await bob.request(`query($id: ID!) { credential(id: $id) { id } }`, { id: "000000000000000000000000" });
    const foreign = await bob.request(`query($id: ID!) { credential(id: $id) { id } }`, { id: credentialId });
    assert.deepEqual(missing, foreign);
    const siblings = await bob.ok(`query($id: ID!) { viewer { email } budget(id: $id) { id } tool(slug: "open-meteo") { id slug } }`, { id: budgetId });
    assert.ok(siblings.viewer.email, "the siblings of a null lookup still answer");
    assert.deepEqual([siblings.budget, siblings.tool], [null, { id: "open-meteo", slug: "open-meteo" }]);
    assert.deepEqual((await bob.ok("{ credentials { id } }")).credentials, [{ id: bobsCredential.id }]);

    // Nothing of Alice's changed.
    const { budget: after } = await alice.ok(`query($id: ID!) { budget(id: $id) { ${BUDGET_FIELDS} } }`, { id: budgetId });
    assert.equal(after.name, "Research agent");
    assert.equal(after.bindings[0].credential.id, credentialId);
    assert.equal(after.keys.length, 1);
  });

  test("unbind, remove, delete", async () => {
    assert.equal((await alice.ok(`mutation($b: ID!) { unbindCredential(budgetId: $b, toolSlug: "openai-chat") }`, { b: budgetId })).unbindCredential, true);
    const { removeToolFromBudget } = await alice.ok(`mutation($b: ID!) { removeToolFromBudget(budgetId: $b, toolSlug: "openai-chat") { tools { slug } bindings { id } } }`, { b: budgetId });
    assert.deepEqual(removeToolFromBudget, { tools: [{ slug: "open-meteo" }], bindings: [] });
    assert.equal((await alice.ok(`mutation($id: ID!) { deleteCredential(id: $id) }`, { id: credentialId })).deleteCredential, true);
    assert.equal((await alice.ok(`query($id: ID!) { credential(id: $id) { id } }`, { id: credentialId })).credential, null);
    assert.equal((await alice.ok(`mutation($id: ID!) { deleteBudget(id: $id) }`, { id: budgetId })).deleteBudget, true);
    assert.equal((await alice.ok(`query($id: ID!) { budget(id: $id) { id } }`, { id: budgetId })).budget, null);
  });

  test("custom tools through GraphQL", async () => {
    const CREATE_TOOL = `mutation($input: CreateToolInput!) { createTool(input: $input) { slug builtin injection { in name template } } }`;
    const input = {
      slug: "acme-crm",
      name: "ACME CRM",
      endpoint: { method: "POST", url: "https://api.acme.test/v1/contacts" },
      credentialFields: [{ key: "token", label: "Token", secret: true, required: true }],
      injection: [{ in: "BODY", name: "auth_token", template: "{{token}}" }],
    };
    const { createTool } = await alice.ok(CREATE_TOOL, { input });
    assert.deepEqual(createTool, { slug: "acme-crm", builtin: false, injection: [{ in: "BODY", name: "auth_token", template: "{{token}}" }] });
    assert.equal((await bob.ok(`{ tool(slug: "acme-crm") { slug } }`)).tool, null);
    const bad = await alice.request(CREATE_TOOL, { input: { ...input, slug: "x y", injection: [{ in: "HEADER", name: "Bad Header", template: "{{missing}}" }] } });
    assert.equal(bad.errors?.[0]?.extensions?.code, "BAD_USER_INPUT");
    assert.deepEqual(Object.keys(bad.errors?.[0]?.extensions?.fieldErrors ?? {}).sort(), ["injection.0.name", "injection.0.template", "slug"]);
  });
});

test("admin shred-user makes that user's secrets unrecoverable, and only theirs", async () => {
  const carol = await userWithToken("carol@example.com");
  const { createCredential } = await carol.ok(CREATE_CREDENTIAL, {
    input: { toolSlug: "openai-chat", name: "Carol's", fields: [{ key: "apiKey", value: "sk-carolSHREDDEDkey000000000000" }] },
  });
  const cipherOf = async (id: string) => (await Credential.findById(id).lean())!.fields.find((f) => f.key === "apiKey")!.cipher!;
  const carols = await cipherOf(createCredential.id);
  const { credentials: bobs } = await bob.ok("{ credentials { id } }");
  const bobsCipher = await cipherOf(bobs[0].id);

  assert.match(await admin("shred-user", "--email", "carol@example.com"), /can no longer be decrypted/);
  // A fresh ClientEncryption has no cached data keys: it shows what the key vault now allows.
  const { MongoClient, ClientEncryption } = await import("mongodb");
  const { env } = await import("@/lib/env");
  const { kmsConfigFromEnv } = await import("@/lib/crypto/kms-providers");
  const client = await MongoClient.connect(env().MONGODB_URI);
  try {
    const fresh = new ClientEncryption(client, { keyVaultNamespace: env().CSFLE_KEY_VAULT_NAMESPACE, kmsProviders: kmsConfigFromEnv(env()).kmsProviders });
    await assert.rejects(fresh.decrypt(carols), /not all keys requested were satisfied/);
    assert.equal(await fresh.decrypt(bobsCipher), "sk-bobsOWNkey0000000000000000");
  } finally {
    await client.close();
  }
});

describe("pagination", () => {
  /** Every page of a connection, following endCursor while hasNextPage. */
  async function allPages(client: GraphQLClient, query: string, root: (data: Record<string, any>) => any, first: number, variables: Record<string, unknown> = {}) {
    const pages: { ids: string[]; totalCount: number }[] = [];
    let after: string | null = null;
    for (;;) {
      const data = await client.ok(query, { ...variables, first, after });
      const page = root(data);
      assert.deepEqual(page.nodes.map((n: { id?: string; requestId?: string }) => n.id ?? n.requestId), page.edges.map((e: any) => e.node.id ?? e.node.requestId));
      pages.push({ ids: page.nodes.map((n: { id?: string; requestId?: string }) => n.id ?? n.requestId), totalCount: page.totalCount });
      assert.equal(page.pageInfo.endCursor, page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return pages;
  }

  test("budgets and credentials page by cursor with totalCount, only the caller's, at most 100 a page", async () => {
    const carol = await userWithToken("pages-carol@example.com");
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await carol.ok(`mutation($n: String!) { createBudget(input: { name: $n }) { id } }`, { n: `b${i}` })).createBudget.id);
    const budgets = await allPages(carol, `query($first: Int, $after: String) { budgetConnection(first: $first, after: $after) { totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor } } }`, (d) => d.budgetConnection, 3);
    assert.deepEqual(budgets.map((p) => p.ids.length), [3, 3, 1]);
    assert.deepEqual(budgets.flatMap((p) => p.ids), created, "oldest first, each once");
    assert.ok(budgets.every((p) => p.totalCount === 7));

    for (let i = 0; i < 3; i++) {
      await carol.ok(CREATE_CREDENTIAL, { input: { toolSlug: "openai-chat", name: `c${i}`, fields: [{ key: "apiKey", value: `sk-pagedcredential000000${i}` }] } });
    }
    const credentials = await allPages(carol, `query($first: Int, $after: String) { credentialConnection(first: $first, after: $after) { totalCount edges { cursor node { id name } } nodes { id } pageInfo { hasNextPage endCursor } } }`, (d) => d.credentialConnection, 2);
    assert.deepEqual(credentials.map((p) => p.ids.length), [2, 1]);
    const names = (await carol.ok(`{ credentialConnection(first: 100) { nodes { name } } }`)).credentialConnection.nodes.map((n: { name: string }) => n.name);
    assert.deepEqual(names, ["c2", "c1", "c0"], "newest first");

    // Another owner sees none of them; a cursor of carol's list is only a position, and reveals nothing.
    const { budgetConnection } = await bob.ok(`query($a: String) { budgetConnection(first: 100, after: $a) { totalCount nodes { id } } }`, { a: null });
    assert.ok(budgetConnection.nodes.every((n: { id: string }) => !created.includes(n.id)));
    for (const [query, vars] of [
      [`{ budgetConnection(first: 101) { totalCount } }`, {}],
      [`{ credentialConnection(first: 0) { totalCount } }`, {}],
      [`query($a: String) { budgetConnection(after: $a) { totalCount } }`, { a: "not-a-cursor" }],
    ] as const) {
      const result = await carol.request(query, vars);
      assert.equal(result.errors?.[0]?.extensions?.code, "BAD_USER_INPUT", JSON.stringify(result));
    }
  });

  test("a budget's calls page by cursor and time range, with totals per tool and per day", async () => {
    const vendor = await startVendorStub();
    try {
      const erin = await userWithToken("pages-erin@example.com");
      const { createBudget } = await erin.ok(`mutation { createBudget(input: { name: "paged calls" }) { id } }`);
      for (const slug of ["paged-a", "paged-b"]) {
        await erin.ok(`mutation($input: CreateToolInput!) { createTool(input: $input) { slug } }`, {
          input: { slug, name: slug, endpoint: { method: "POST", url: `${vendor.url}/echo` }, costCents: slug === "paged-a" ? 1 : 2, credentialFields: [], injection: [] },
        });
        await erin.ok(`mutation($b: ID!, $s: String!) { addToolToBudget(budgetId: $b, toolSlug: $s) { id } }`, { b: createBudget.id, s: slug });
      }
      const { createBudgetKey } = await erin.ok(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "pager") { key } }`, { b: createBudget.id });
      const requestIds: string[] = [];
      for (let i = 0; i < 25; i++) {
        const res = await fetch(`${server.url}/api/v1/tools/${i % 5 === 0 ? "paged-b" : "paged-a"}/invoke`, { method: "POST", headers: { authorization: `Bearer ${createBudgetKey.key}` }, body: "{}" });
        assert.equal(res.status, 200);
        requestIds.push(res.headers.get("x-request-id")!);
      }
      const CALLS = `query($id: ID!, $first: Int, $after: String) { budget(id: $id) { calls(first: $first, after: $after) { totalCount edges { cursor node { requestId toolSlug tool { id } costCents } } nodes { requestId } pageInfo { hasNextPage endCursor } } } }`;
      const pagesOf = () => allPages(erin, CALLS, (d) => d.budget.calls, 10, { id: createBudget.id });
      let pages = await pagesOf();
      for (let tries = 0; tries < 30 && pages[0]!.totalCount < 25; tries++) {
        await new Promise((r) => setTimeout(r, 200)); // usage is written once a second
        pages = await pagesOf();
      }
      assert.deepEqual(pages.map((p) => p.ids.length), [10, 10, 5]);
      assert.deepEqual(pages.flatMap((p) => p.ids), [...requestIds].reverse(), "every call once, newest first");
      assert.ok(pages.every((p) => p.totalCount === 25));

      const { budget } = await erin.ok(`query($id: ID!, $from: DateTime) {
        budget(id: $id) {
          spentCents
          recent: calls(first: 3, from: $from) { totalCount nodes { requestId } }
          usage(limit: 2) { requestId }
          usageSummary { totals { calls costCents errors } byTool { toolSlug tool { slug } calls costCents } byDay { day calls tools { toolSlug calls } } }
        }
      }`, { id: createBudget.id, from: new Date(Date.now() - 3_600_000).toISOString() });
      assert.equal(budget.recent.totalCount, 25);
      assert.deepEqual(budget.usage.map((u: { requestId: string }) => u.requestId), requestIds.slice(-2).reverse(), "the deprecated usage(limit) still answers");
      assert.deepEqual(budget.usageSummary.totals, { calls: 25, costCents: 30, errors: 0 });
      assert.equal(budget.spentCents, budget.usageSummary.totals.costCents, "the totals agree with the budget's spent");
      assert.deepEqual(budget.usageSummary.byTool, [{ toolSlug: "paged-a", tool: { slug: "paged-a" }, calls: 20, costCents: 20 }, { toolSlug: "paged-b", tool: { slug: "paged-b" }, calls: 5, costCents: 10 }]);
      assert.equal(budget.usageSummary.byDay.length, 1);
      // Nothing of it through another owner's token, and a future range holds nothing.
      assert.equal((await bob.ok(`query($id: ID!) { budget(id: $id) { calls { totalCount } } }`, { id: createBudget.id })).budget, null);
      const future = await erin.ok(`query($id: ID!, $from: DateTime) { budget(id: $id) { calls(from: $from) { totalCount nodes { requestId } } } }`, { id: createBudget.id, from: new Date(Date.now() + 3_600_000).toISOString() });
      assert.deepEqual(future.budget.calls, { totalCount: 0, nodes: [] });
    } finally {
      await vendor.close();
    }
  });
});

test("no secret appears in any response, error or log line", async () => {
  const responses = clients.flatMap((c) => c.responses).join("\n");
  const logs = server.output();
  assert.ok(responses.length > 1000 && logs.includes('"msg":"graphql"'), "responses and logs were captured");
  for (const canary of CANARIES) {
    assert.equal(responses.includes(canary), false, `a response contains ${canary.slice(0, 12)}…`);
    assert.equal(logs.includes(canary), false, `the server log contains ${canary.slice(0, 12)}…`);
  }
});
