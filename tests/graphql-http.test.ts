// /api/graphql as an HTTP endpoint, against the built server: the GraphQL-over-HTTP audit suite, body
// handling (charset, malformed JSON, size), and the operation limits seen from outside.
import "@/tests/helpers/test-env";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { serverAudits } from "graphql-http";
import { useTestDatabase } from "@/tests/helpers/database";
import { startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import { GraphQLClient } from "@/tests/helpers/graphql-client";
import { admin, createUserWithPassword, userWithToken } from "@/tests/helpers/accounts";
import { LIMITS } from "@/graphql/limits";
import { MAX_BODY_BYTES } from "@/graphql/http";

useTestDatabase();

let server: TAppServer;
let endpoint: string;
let alice: GraphQLClient;
let bob: GraphQLClient;
let aliceToken: string;

before(async () => {
  server = await startAppServer();
  endpoint = `${server.url}/api/graphql`;
  await createUserWithPassword("alice@example.com");
  aliceToken = `Bearer ${(await admin("create-token", "--email", "alice@example.com", "--name", "tests")).trim().split("\n").at(-1)}`;
  alice = new GraphQLClient(server.url, { authorization: aliceToken });
  bob = await userWithToken(server.url, "bob@example.com");
  // Data for nested lists to walk: budgets with a bound credential each.
  for (let i = 0; i < 5; i++) {
    const { createBudget } = await alice.ok(`mutation { createBudget(input: { name: "b${i}" }) { id } }`);
    await alice.ok(`mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`, {
      input: { toolSlug: "openai-chat", name: `c${i}`, budgetId: createBudget.id, fields: [{ key: "apiKey", value: `sk-httptest${i}aaaaaaaaaaaaaaaaaaaa` }] },
    });
  }
});

after(async () => {
  await server?.stop();
});

async function post(body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; json: () => any }> {
  const res = await fetch(endpoint, { method: "POST", headers: { authorization: aliceToken, "content-type": "application/json", ...headers }, body });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

describe("GraphQL over HTTP", () => {
  test("the graphql-http audit suite: every MUST passes", async () => {
    const results = await Promise.all(serverAudits({ url: endpoint }).map((audit) => audit.fn()));
    const tally: Record<string, Record<string, number>> = {};
    for (const result of results) {
      const level = result.name.split(" ")[0]!;
      const counts = (tally[level] ??= { ok: 0, warn: 0, error: 0 });
      counts[result.status] = (counts[result.status] ?? 0) + 1;
    }
    const failed = results.filter((r) => r.status !== "ok").map((r) => `${r.status} ${r.name}: ${"reason" in r ? r.reason : ""}`);
    console.log(`# audits ${JSON.stringify(tally)}\n# ${failed.join("\n# ")}`);
    const mustFailures = results.filter((r) => r.name.startsWith("MUST") && r.status !== "ok");
    assert.deepEqual(mustFailures.map((r) => r.name), []);
    assert.ok((tally.MUST?.ok ?? 0) > 10, "the suite ran its MUST audits");
  });

  test("a JSON content type with a charset is accepted", async () => {
    const res = await post(JSON.stringify({ query: "{ viewer { email } }" }), { "content-type": "application/json; charset=utf-8" });
    assert.equal(res.status, 200);
    assert.equal(res.json().data.viewer.email, "alice@example.com");
  });

  test("malformed JSON is a 400 with a GraphQL error, not a crash", async () => {
    for (const body of ['{"query": "{ viewer { id } }"', "not json", ""]) {
      const res = await post(body);
      assert.equal(res.status, 400, body);
      const { errors } = res.json();
      assert.equal(errors[0].extensions.code, "BAD_REQUEST", res.text);
    }
  });

  test("GET with a JSON content type answers (operation in the query string) or refuses with JSON", async () => {
    const ok = await fetch(`${endpoint}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { "content-type": "application/json", accept: "application/json" },
    });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { data: { __typename: "Query" } });
    const empty = await fetch(endpoint, { headers: { "content-type": "application/json", accept: "application/json" } });
    assert.equal(empty.status, 400);
    assert.ok((await empty.json()).errors.length);
  });

  test(`a body over ${MAX_BODY_BYTES} bytes is refused with 413, declared or not`, async () => {
    const big = JSON.stringify({ query: "{ viewer { id } }", variables: { pad: "x".repeat(MAX_BODY_BYTES) } });
    const declared = await post(big);
    assert.equal(declared.status, 413);
    assert.equal(declared.json().errors[0].extensions.code, "PAYLOAD_TOO_LARGE");
    // Chunked, without a length: the answer comes while the client is still sending, long before 64 MiB.
    const total = 64 * 1024 * 1024;
    const { status, sent, body } = await new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
      const req = httpRequest(endpoint, { method: "POST", headers: { authorization: aliceToken, "content-type": "application/json" } });
      let sent = 0;
      let answered = false;
      req.on("response", (res) => {
        answered = true;
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, sent, body }));
      });
      req.on("error", (error) => (answered ? undefined : reject(error)));
      const chunk = Buffer.alloc(64 * 1024, "x");
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    assert.equal(status, 413, body);
    assert.ok(sent < total, `the server answered after ${sent} bytes, before the whole body`);
  });
});

describe("operation limits", () => {
  const NESTED = "budgets { bindings { credential { budgets { bindings { credential { id name } } } } } }";

  test("100 aliases of a nested list are refused at once, without quoting the query", async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `canaryAlias${i}: ${NESTED}`).join("\n");
    const res = await post(JSON.stringify({ query: `{ ${aliases} }` }));
    assert.equal(res.status, 400);
    const { errors, data } = res.json();
    assert.equal(data, undefined);
    assert.equal(errors[0].extensions.code, "QUERY_TOO_COMPLEX");
    assert.ok(!res.text.includes("canaryAlias"), res.text);
  });

  test("while one user sends over-limit operations, another user's ordinary query answers", async () => {
    const attack = (i: number) =>
      post(JSON.stringify({ query: `{ ${Array.from({ length: 100 }, (_, j) => `a${i}_${j}: ${NESTED}`).join(" ")} }` }));
    const [ordinary, ...refused] = await Promise.all([bob.ok("{ budgets { id bindings { id } } credentials { id } }"), ...Array.from({ length: 20 }, (_, i) => attack(i))]);
    assert.deepEqual(ordinary, { budgets: [], credentials: [] });
    assert.ok(refused.every((r) => r.status === 400 && r.json().errors[0].extensions.code === "QUERY_TOO_COMPLEX"));
    // Alice's own ordinary query still works too.
    const { budgets } = await alice.ok("{ budgets { id bindings { id credential { id } } } }");
    assert.equal(budgets.length, 5);
  });

  test("the standard introspection query answers; each limit is refused with QUERY_TOO_COMPLEX", async () => {
    const { getIntrospectionQuery } = await import("graphql");
    const introspection = await post(JSON.stringify({ query: getIntrospectionQuery() }));
    assert.equal(introspection.status, 200, introspection.text);
    assert.ok(introspection.json().data.__schema.types.some((t: { name: string }) => t.name === "Budget"));
    const tokens = await post(JSON.stringify({ query: `{ ${"__typename ".repeat(LIMITS.maxTokens)} }` }));
    assert.equal(tokens.json().errors[0].extensions.code, "QUERY_TOO_COMPLEX", tokens.text);
    // A few aliases, each well within depth, but lists nested five deep: over the cost limit.
    const costly = await post(JSON.stringify({ query: `{ ${["a", "b", "c"].map((a) => `${a}: ${NESTED}`).join(" ")} }` }));
    assert.equal(costly.status, 400);
    assert.equal(costly.json().errors[0].extensions.code, "QUERY_TOO_COMPLEX", costly.text);
    assert.match(costly.json().errors[0].message, /estimated cost/);
    const deep = await post(JSON.stringify({ query: "{ budgets { bindings { budget { bindings { budget { bindings { budget { bindings { id } } } } } } } } }" }));
    assert.equal(deep.json().errors[0].extensions.code, "QUERY_TOO_COMPLEX", deep.text);
  });
});
