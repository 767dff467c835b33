// OAuth 2 end to end against a real authorization server (oidc-provider, tests/helpers/oidc-provider.ts):
// the README's three GraphQL examples (a custom client-credentials integration and tool, its credential
// from a client id and secret, tokens imported from elsewhere), the refresh race across two gateway
// processes, a revoked grant, and the canary rule for tokens and client secrets.
import "@/tests/helpers/test-env";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { rawClient, useTestDatabase } from "@/tests/helpers/database";
import { freePort, startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import type { GraphQLClient } from "@/tests/helpers/graphql-client";
import { userWithToken } from "@/tests/helpers/accounts";
import { SECRET_MASK } from "@/lib/crypto/masking";
import { CLIENT_ID, CLIENT_SECRET, startTestProvider, type TTestProvider } from "@/tests/helpers/oidc-provider";

useTestDatabase();

let server: TAppServer;
let copy: ChildProcess;
let copyUrl: string;
let copyOutput = "";
let provider: TTestProvider;
let alice: GraphQLClient;
const answers: string[] = [];
const secretsSeen = new Set<string>([CLIENT_SECRET]);

before(async () => {
  provider = await startTestProvider({ accessTokenTtl: 120 });
  server = await startAppServer({ LOG_LEVEL: "debug", VAULTLINE_ALLOW_PRIVATE_HOSTS: "1" });
  const port = await freePort();
  copyUrl = `http://127.0.0.1:${port}`;
  copy = spawn("node_modules/.bin/tsx", ["processes/gateway.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), LOG_LEVEL: "debug", VAULTLINE_ALLOW_PRIVATE_HOSTS: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  copy.stdout!.on("data", (d: Buffer) => (copyOutput += d.toString()));
  copy.stderr!.on("data", (d: Buffer) => (copyOutput += d.toString()));
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${copyUrl}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  alice = await userWithToken(server.url, "alice-oauth@example.com");
});

after(async () => {
  copy?.kill("SIGTERM");
  await server?.stop();
  await provider?.close();
});

/** The agent's HTTP status; for an answered call, the vendor's status inside it. */
async function vendorStatus(base: string, key: string, slug: string): Promise<number> {
  const { status, text } = await call(base, key, slug);
  return status === 200 ? (JSON.parse(text) as { status: number }).status : status;
}

async function call(base: string, key: string, slug: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}/api/v1/tools/${slug}/invoke`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ input: {} }),
  });
  const text = await res.text();
  answers.push(text);
  return { status: res.status, text };
}

async function budgetWithKey(name: string): Promise<{ id: string; key: string }> {
  const { createBudget } = await alice.ok(`mutation($name: String!) { createBudget(input: { name: $name }) { id } }`, { name });
  const { createBudgetKey } = await alice.ok(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "agent") { key } }`, { b: createBudget.id });
  return { id: createBudget.id, key: createBudgetKey.key };
}

test("README example: a custom client-credentials integration and tool, its credential from a client id and secret", async () => {
  // (1) The integration and its tool (README, "OAuth 2: client credentials").
  await alice.ok(
    `mutation($tokenUrl: String!, $apiUrl: String!) {
      createIntegration(input: {
        slug: "acme-m2m", name: "Acme (machine to machine)", authKind: OAUTH2,
        oauth: { grant: CLIENT_CREDENTIALS, tokenUrl: $tokenUrl }
      }) { slug credentialFields { key secret } }
      createTool(input: {
        slug: "acme-me", name: "Acme: who am I", integration: "acme-m2m",
        endpoint: { method: GET, url: $apiUrl },
        injection: [{ in: HEADER, name: "Authorization", template: "Bearer {{accessToken}}" }]
      }) { slug integration { slug authKind } }
    }`,
    { tokenUrl: provider.tokenUrl, apiUrl: provider.apiUrl },
  );
  const budget = await budgetWithKey("m2m");
  await alice.ok(`mutation($b: ID!) { addToolToBudget(budgetId: $b, toolSlug: "acme-me") { id } }`, { b: budget.id });
  // (2) The credential: the OAuth client itself; bound to the budget for the integration.
  const { createCredential } = await alice.ok(
    `mutation($b: ID!, $id: String!, $secret: String!) {
      createCredential(input: {
        integrationSlug: "acme-m2m", name: "Acme M2M", budgetId: $b,
        fields: [{ key: "clientId", value: $id }, { key: "clientSecret", value: $secret }]
      }) { id fields { key value masked } }
    }`,
    { b: budget.id, id: CLIENT_ID, secret: CLIENT_SECRET },
  );
  assert.deepEqual(createCredential.fields, [
    { key: "clientId", value: CLIENT_ID, masked: false },
    { key: "clientSecret", value: null, masked: true },
  ]);

  const grantsBefore = provider.grants.client_credentials ?? 0;
  const results = await Promise.all(Array.from({ length: 20 }, () => call(server.url, budget.key, "acme-me")));
  assert.deepEqual(results.map((r) => r.status), Array(20).fill(200), results[0]!.text);
  assert.ok(results.every((r) => (JSON.parse(r.text) as { status: number }).status === 200), "the vendor accepted every call");
  assert.equal((provider.grants.client_credentials ?? 0) - grantsBefore, 1, "one token for twenty concurrent calls");
  const body = JSON.parse(results[0]!.text) as { body: { ok: boolean; subject: string; echo: string } };
  assert.equal(body.body.subject, CLIENT_ID);
  assert.equal(body.body.echo, SECRET_MASK, "the token the vendor echoed is scrubbed");
  for (const seen of provider.apiCalls) secretsSeen.add(seen.token);
});

test("README example: imported tokens; 100 calls across two gateway processes with an expired token cause exactly one refresh", async () => {
  await alice.ok(
    `mutation($tokenUrl: String!, $authorizeUrl: String!, $revocationUrl: String!, $apiUrl: String!) {
      createIntegration(input: {
        slug: "acme-user", name: "Acme (a person's account)", authKind: OAUTH2,
        oauth: { grant: AUTHORIZATION_CODE, tokenUrl: $tokenUrl, authorizeUrl: $authorizeUrl,
                 revocationUrl: $revocationUrl, scopes: ["openid", "offline_access"] }
      }) { slug }
      createTool(input: {
        slug: "acme-user-me", name: "Acme: my profile", integration: "acme-user",
        endpoint: { method: GET, url: $apiUrl },
        injection: [{ in: HEADER, name: "Authorization", template: "Bearer {{accessToken}}" }]
      }) { slug }
      configureOAuthClient(input: { integrationSlug: "acme-user", clientId: "${CLIENT_ID}", clientSecret: "${CLIENT_SECRET}" }) { clientId secretMasked }
    }`,
    { tokenUrl: provider.tokenUrl, authorizeUrl: provider.authorizeUrl, revocationUrl: provider.revocationUrl, apiUrl: provider.apiUrl },
  );
  const budget = await budgetWithKey("imported");
  await alice.ok(`mutation($b: ID!) { addToolToBudget(budgetId: $b, toolSlug: "acme-user-me") { id } }`, { b: budget.id });
  const refreshToken = await provider.mintRefreshToken();
  const expiredAccess = "expired-access-token-canary-0001";
  secretsSeen.add(refreshToken).add(expiredAccess);
  // (3) Tokens obtained elsewhere: the access token expired a minute ago.
  const { importOAuthTokens } = await alice.ok(
    `mutation($b: ID!, $access: String!, $refresh: String!, $expiresAt: DateTime!) {
      importOAuthTokens(input: {
        integrationSlug: "acme-user", name: "Alice at Acme", budgetId: $b,
        accessToken: $access, refreshToken: $refresh, expiresAt: $expiresAt
      }) { id integration { slug } fields { key } }
    }`,
    { b: budget.id, access: expiredAccess, refresh: refreshToken, expiresAt: new Date(Date.now() - 60_000).toISOString() },
  );
  assert.equal(importOAuthTokens.integration.slug, "acme-user");

  // Both processes warm the plan first (the list reads the same plans), so the race is on the refresh.
  await new Promise((r) => setTimeout(r, 1_500)); // the copy hears of the import through the epoch
  for (const base of [server.url, copyUrl]) await fetch(`${base}/api/v1/tools`, { headers: { authorization: `Bearer ${budget.key}` } });
  const refreshesBefore = provider.grants.refresh_token ?? 0;
  const apiCallsBefore = provider.apiCalls.length;
  const results = await Promise.all(Array.from({ length: 100 }, (_, i) => call(i % 2 ? copyUrl : server.url, budget.key, "acme-user-me")));
  assert.deepEqual([...new Set(results.map((r) => r.status))], [200], results.find((r) => r.status !== 200)?.text);
  assert.ok(results.every((r) => (JSON.parse(r.text) as { status: number }).status === 200), "the vendor accepted every call");
  assert.equal((provider.grants.refresh_token ?? 0) - refreshesBefore, 1, "the provider saw exactly one refresh grant");
  const seen = provider.apiCalls.slice(apiCallsBefore);
  assert.equal(seen.length, 100);
  assert.ok(seen.every((c) => c.valid), "the vendor only ever got a valid token");
  assert.equal(new Set(seen.map((c) => c.token)).size, 1, "every call used the one new token");
  for (const c of seen) secretsSeen.add(c.token);

  // The rotated refresh token was stored: revoking the grant at the provider and expiring the token again
  // makes the next refresh fail for good, and agents are told to reconnect.
  const raw = await rawClient();
  try {
    const stored = await raw.db().collection("oauth_tokens").findOne({ _id: importOAuthTokens.id });
    assert.ok(stored && stored.version >= 2 && stored.leaseHolder === null);
  } finally {
    await raw.close();
  }
});

test("a grant revoked at the provider: the refresh fails for good and agents get reconnect_required with the link", async () => {
  const budget = await budgetWithKey("revoked");
  await alice.ok(`mutation($b: ID!) { addToolToBudget(budgetId: $b, toolSlug: "acme-user-me") { id } }`, { b: budget.id });
  const refreshToken = await provider.mintRefreshToken();
  secretsSeen.add(refreshToken);
  const { importOAuthTokens } = await alice.ok(
    `mutation($b: ID!, $refresh: String!, $expiresAt: DateTime!) {
      importOAuthTokens(input: { integrationSlug: "acme-user", name: "revoked", budgetId: $b, accessToken: "stale-access-canary-0002", refreshToken: $refresh, expiresAt: $expiresAt }) { id }
    }`,
    { b: budget.id, refresh: refreshToken, expiresAt: new Date(Date.now() - 1_000).toISOString() },
  );
  await provider.revokeGrantOf(refreshToken);
  const first = await call(server.url, budget.key, "acme-user-me");
  assert.equal(first.status, 424, first.text);
  const error = (JSON.parse(first.text) as { error: { code: string; reconnectUrl: string } }).error;
  assert.equal(error.code, "reconnect_required");
  assert.equal(error.reconnectUrl, `${server.url}/credentials/${importOAuthTokens.id}?reconnect=1`);
  const reconnectWarnings = async () =>
    ((await alice.ok(`{ warnings { kind setupUrl budget { id } } }`)).warnings as { kind: string; setupUrl: string; budget: { id: string } }[]).filter(
      (w) => w.kind === "RECONNECT_REQUIRED" && w.budget.id === budget.id,
    );
  assert.deepEqual((await reconnectWarnings()).map((w) => w.setupUrl), [error.reconnectUrl], "the dashboard warns with the same link");
  // Reconnecting (here: new tokens imported for the same credential) clears it.
  const fresh = await provider.mintRefreshToken();
  secretsSeen.add(fresh);
  await alice.ok(
    `mutation($id: ID!, $refresh: String!, $expiresAt: DateTime!) {
      importOAuthTokens(input: { credentialId: $id, accessToken: "stale-access-canary-0003", refreshToken: $refresh, expiresAt: $expiresAt }) { id }
    }`,
    { id: importOAuthTokens.id, refresh: fresh, expiresAt: new Date(Date.now() - 1_000).toISOString() },
  );
  assert.deepEqual(await reconnectWarnings(), [], "reconnecting clears the warning");
  const again = await call(server.url, budget.key, "acme-user-me");
  assert.equal(again.status, 200, again.text);
  assert.equal((JSON.parse(again.text) as { status: number }).status, 200, again.text);
});

test("short-lived tokens are refreshed in the background; with the provider down the still-valid token serves, then a clear 503, never a wrong token", async () => {
  const quick = await startTestProvider({ accessTokenTtl: 2 });
  try {
    await alice.ok(
      `mutation($tokenUrl: String!, $apiUrl: String!) {
        createIntegration(input: { slug: "quick-m2m", name: "Quick", authKind: OAUTH2, oauth: { grant: CLIENT_CREDENTIALS, tokenUrl: $tokenUrl } }) { slug }
        createTool(input: { slug: "quick-me", name: "Quick me", integration: "quick-m2m", endpoint: { method: GET, url: $apiUrl },
          injection: [{ in: HEADER, name: "Authorization", template: "Bearer {{accessToken}}" }] }) { slug }
      }`,
      { tokenUrl: quick.tokenUrl, apiUrl: quick.apiUrl },
    );
    const budget = await budgetWithKey("quick");
    await alice.ok(`mutation($b: ID!) { addToolToBudget(budgetId: $b, toolSlug: "quick-me") { id } }`, { b: budget.id });
    await alice.ok(
      `mutation($b: ID!, $id: String!, $secret: String!) {
        createCredential(input: { integrationSlug: "quick-m2m", name: "Quick", budgetId: $b, fields: [{ key: "clientId", value: $id }, { key: "clientSecret", value: $secret }] }) { id }
      }`,
      { b: budget.id, id: CLIENT_ID, secret: CLIENT_SECRET },
    );
    // Calls for 5 s, one every 250 ms: tokens of 2 s each are replaced ahead of their expiry.
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push(await vendorStatus(server.url, budget.key, "quick-me"));
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.deepEqual([...new Set(statuses)], [200]);
    assert.ok((quick.grants.client_credentials ?? 0) >= 3, `tokens were renewed (${quick.grants.client_credentials} grants)`);
    assert.ok(quick.apiCalls.every((c) => c.valid), "the vendor never got an expired token");

    // The provider goes down: calls keep the token while it is valid, then get a clear 503.
    quick.setDown(true);
    const during: number[] = [];
    for (let i = 0; i < 16; i++) {
      during.push(await vendorStatus(server.url, budget.key, "quick-me"));
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(during.includes(503), `calls were told the provider is away (${during.join(",")})`);
    assert.deepEqual([...new Set(during)].filter((s) => s !== 200 && s !== 503), []);
    assert.ok(quick.apiCalls.every((c) => c.valid), "no wrong or expired token was ever sent");
    quick.setDown(false);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await vendorStatus(server.url, budget.key, "quick-me"), 200, "back once the provider is");
    for (const token of quick.issued) secretsSeen.add(token);
  } finally {
    await quick.close();
  }
});

test("a vendor answering 401 to an injected credential raises one credential-rejected warning, not one per call", async () => {
  await alice.ok(
    `mutation($apiUrl: String!) {
      createTool(input: { slug: "static-me", name: "Static me", endpoint: { method: GET, url: $apiUrl },
        credentialFields: [{ key: "token", label: "Token", secret: true, required: true }],
        injection: [{ in: HEADER, name: "Authorization", template: "Bearer {{token}}" }] }) { slug }
    }`,
    { apiUrl: provider.apiUrl },
  );
  const budget = await budgetWithKey("rejected");
  await alice.ok(`mutation($b: ID!) { createCredential(input: { toolSlug: "static-me", name: "stale", budgetId: $b, fields: [{ key: "token", value: "revoked-token-canary-0004" }] }) { id } }`, { b: budget.id });
  secretsSeen.add("revoked-token-canary-0004");
  for (let i = 0; i < 3; i++) assert.equal(await vendorStatus(server.url, budget.key, "static-me"), 401);
  await new Promise((r) => setTimeout(r, 1_500)); // usage (and the warning) are written once a second
  const { warnings } = await alice.ok(`{ warnings { kind count setupUrl budget { id } tool { slug } } }`);
  const rejected = (warnings as { kind: string; count: number; budget: { id: string } }[]).filter((w) => w.kind === "CREDENTIAL_REJECTED" && w.budget.id === budget.id);
  assert.equal(rejected.length, 1);
  assert.equal(rejected[0]!.count, 3);
});

test("canary: tokens and client secrets are nowhere in the clear (raw database, GraphQL, agent answers, logs)", async () => {
  for (const seen of provider.apiCalls) secretsSeen.add(seen.token);
  for (const token of provider.issued) secretsSeen.add(token);
  assert.ok(provider.issued.length >= 4, "the provider's own answers were captured");
  const raw = await rawClient();
  try {
    const db = raw.db();
    const dump = JSON.stringify(
      await Promise.all(["oauth_tokens", "oauth_clients", "credentials", "integrations"].map((name) => db.collection(name).find().toArray())),
    );
    const everything = [dump, ...answers, ...alice.responses, server.output(), copyOutput].join("\n");
    for (const secret of secretsSeen) assert.ok(!everything.includes(secret), `a secret (${secret.slice(0, 6)}…) appeared in the clear`);
  } finally {
    await raw.close();
  }
});
