// Signing in and out of the dashboard, from outside, against the production server: the throttle counts
// per e-mail and client address and per client address (so knowing someone's e-mail no longer locks them
// out, and spraying from one client is stopped), the client address comes from the socket unless a
// trusted proxy says otherwise, and a session cookie replayed after sign-out is refused.
import "@/tests/helpers/test-env";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { useTestDatabase } from "@/tests/helpers/database";
import { startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import { createUserWithPassword, TEST_PASSWORD } from "@/tests/helpers/accounts";
import { signIn, signOut } from "@/tests/helpers/sign-in";
import { GraphQLClient } from "@/tests/helpers/graphql-client";
import { MAX_PER_CLIENT, MAX_PER_PAIR } from "@/lib/services/users/sign-in-throttle";

useTestDatabase();

const from = (address: string) => ({ "x-forwarded-for": address });

/** `count` wrong sign-ins, a few at a time (each runs bcrypt). */
async function failMany(url: string, count: number, attempt: (i: number) => [email: string, headers: Record<string, string>]) {
  for (let i = 0; i < count; i += 5) {
    const batch = Array.from({ length: Math.min(5, count - i) }, (_, j) => attempt(i + j));
    const results = await Promise.all(batch.map(([email, headers]) => signIn(url, email, "wrong password!", headers)));
    assert.ok(results.every((r) => r === null));
  }
}

describe("behind a trusted proxy (VAULTLINE_TRUSTED_PROXIES)", () => {
  let server: TAppServer;
  before(async () => {
    server = await startAppServer({ VAULTLINE_TRUSTED_PROXIES: "127.0.0.1, ::1" });
    await createUserWithPassword("owner@example.com");
    await createUserWithPassword("bystander@example.com");
  });
  after(() => server?.stop());

  test("wrong passwords from one client lock out that client for that e-mail, not the owner elsewhere", async () => {
    await failMany(server.url, MAX_PER_PAIR, () => ["owner@example.com", from("203.0.113.5")]);
    assert.equal(await signIn(server.url, "owner@example.com", TEST_PASSWORD, from("203.0.113.5")), null, "the guessing client is refused even the right password");
    assert.ok(await signIn(server.url, "owner@example.com", TEST_PASSWORD, from("198.51.100.7")), "the owner, from their own address, signs in");
    // Entries left of the proxy's own are the client's claims: a guesser cannot pick a fresh address with them.
    assert.equal(await signIn(server.url, "owner@example.com", TEST_PASSWORD, from("198.51.100.99, 203.0.113.5")), null);
  });

  test("HSTS when a trusted proxy says the client came over https; never over plain http", async () => {
    const https = await fetch(`${server.url}/sign-in`, { headers: { "x-forwarded-proto": "https" } });
    await https.arrayBuffer();
    assert.equal(https.headers.get("strict-transport-security"), "max-age=31536000; includeSubDomains");
    const plain = await fetch(`${server.url}/healthz`);
    await plain.arrayBuffer();
    assert.equal(plain.headers.get("strict-transport-security"), null);
  });

  test("spraying many e-mails from one client stops that client, for every account", async () => {
    await failMany(server.url, MAX_PER_CLIENT, (i) => [`sprayed-${i}@example.com`, from("203.0.113.9")]);
    assert.equal(await signIn(server.url, "bystander@example.com", TEST_PASSWORD, from("203.0.113.9")), null);
    assert.ok(await signIn(server.url, "bystander@example.com", TEST_PASSWORD, from("203.0.113.10")));
  });
});

describe("without a trusted proxy", () => {
  let server: TAppServer;
  before(async () => {
    server = await startAppServer();
    await createUserWithPassword("carol@example.com");
    await createUserWithPassword("dave@example.com");
  });
  after(() => server?.stop());

  test("a session cookie replayed after sign-out is refused; the person's other sessions stay", async () => {
    const session = await signIn(server.url, "dave@example.com", TEST_PASSWORD);
    const other = await signIn(server.url, "dave@example.com", TEST_PASSWORD);
    assert.ok(session && other);
    const viewer = (cookie: string) => new GraphQLClient(server.url, { cookie });
    assert.equal((await viewer(session).ok("{ viewer { email } }")).viewer.email, "dave@example.com");
    await signOut(server.url, session);
    assert.equal(await viewer(session).errorCode("{ viewer { email } }"), "UNAUTHENTICATED");
    const page = await fetch(`${server.url}/credentials`, { headers: { cookie: session }, redirect: "manual" });
    await page.arrayBuffer();
    assert.ok(page.status >= 300 && page.status < 400 && /\/sign-in/.test(page.headers.get("location") ?? ""), `the dashboard sends the replayed cookie to sign in (got ${page.status})`);
    assert.equal((await viewer(other).ok("{ viewer { email } }")).viewer.email, "dave@example.com");
  });

  test("a client's X-Forwarded-Proto earns no HSTS", async () => {
    const res = await fetch(`${server.url}/sign-in`, { headers: { "x-forwarded-proto": "https" } });
    await res.arrayBuffer();
    assert.equal(res.headers.get("strict-transport-security"), null);
  });

  test("a callbackUrl with a line break is refused with a 400 and cannot write a log line of its own", async () => {
    const forged = `\n{"level":30,"msg":"forged-log-line","service":"vaultline"}\n`;
    const before = server.output().length;
    const answers = [
      await fetch(`${server.url}/api/auth/signin?callbackUrl=${encodeURIComponent(forged)}`, { redirect: "manual" }),
      await fetch(`${server.url}/api/auth/signin/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ callbackUrl: forged, csrfToken: "x" }),
      }),
      await fetch(`${server.url}/api/auth/session`, { headers: { cookie: `next-auth.callback-url=${encodeURIComponent(forged)}` } }),
      await fetch(`${server.url}/sign-in?callbackUrl=${encodeURIComponent(forged)}`),
    ];
    const statuses = await Promise.all(answers.map(async (r) => (await r.arrayBuffer(), r.status)));
    assert.deepEqual(statuses.slice(0, 2), [400, 400]);
    assert.ok(statuses.every((s) => s < 500), `no 5xx: ${statuses.join(", ")}`);
    // The signed-in redirect with a forged callback cookie lands on this site.
    const cookieSignIn = await signIn(server.url, "dave@example.com", TEST_PASSWORD);
    assert.ok(cookieSignIn);
    await new Promise((r) => setTimeout(r, 300));
    const lines = server.output().slice(before).split("\n");
    assert.ok(!lines.some((line) => line.trimStart().startsWith('{"level":30,"msg":"forged-log-line"')), server.output().slice(before));
  });

  test("pages carry a CSP whose script nonce every script of the page has, fresh per response", async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.url}/sign-in`);
      const html = await res.text();
      const policy = res.headers.get("content-security-policy") ?? "";
      const nonce = /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'/.exec(policy)?.[1];
      assert.ok(nonce, policy);
      nonces.push(nonce);
      assert.match(policy, /object-src 'none'/);
      assert.match(policy, /frame-ancestors 'none'/);
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      assert.ok(scripts.length > 0);
      for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    }
    assert.notEqual(nonces[0], nonces[1]);
  });

  test("X-Forwarded-For from a client is not believed: every guess counts against its socket address", async () => {
    await failMany(server.url, MAX_PER_PAIR, (i) => ["carol@example.com", from(`203.0.113.${i + 20}`)]);
    assert.equal(await signIn(server.url, "carol@example.com", TEST_PASSWORD, from("198.51.100.50")), null);
  });
});
