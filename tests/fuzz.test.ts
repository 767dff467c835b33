// A property-based pass (fast-check, fixed seed, bounded time) against the production server and the real
// database: hostile GraphQL inputs and invoke bodies never get a 5xx (or an internal error), and a refused
// request writes nothing: no record changes, and a refused call neither reaches the vendor nor is charged.
// FC_SEED=<n> explores other inputs.
import "@/tests/helpers/test-env";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fc from "fast-check";
import type { MongoClient } from "mongodb";
import { rawClient, useTestDatabase } from "@/tests/helpers/database";
import { startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import type { GraphQLClient } from "@/tests/helpers/graphql-client";
import { startVendorStub, type TVendorStub } from "@/tests/helpers/vendor-stub";
import { userWithToken } from "@/tests/helpers/accounts";

useTestDatabase();

const SEED = Number(process.env.FC_SEED ?? 20261202);
let server: TAppServer;
let vendor: TVendorStub;
let alice: GraphQLClient;
let db: MongoClient;
let budgetId: string;
let budgetKey: string;
let credentialId: string;
let token: string;

// What a person's or integrator's request can change (the gateway's own counters and stamps left out).
const DATA = ["credentials", "budgets", "bindings", "tools", "budgetkeys", "personalaccesstokens", "audit_entries", "users"];
const VOLATILE = new Set(["lastUsedAt", "updatedAt", "spentCents", "committedCents", "appliedOps"]);

async function snapshot(): Promise<string> {
  const hash = createHash("sha256");
  for (const name of DATA) {
    const docs = await db.db().collection(name).find().sort({ _id: 1 }).toArray();
    for (const doc of docs) {
      if (name === "audit_entries" && doc.action === "secret.used") continue;
      hash.update(JSON.stringify(doc, (k, v) => (VOLATILE.has(k) ? undefined : v)));
    }
  }
  return hash.digest("hex");
}

before(async () => {
  server = await startAppServer();
  vendor = await startVendorStub();
  alice = await userWithToken(server.url, "alice-fuzz@example.com");
  db = await rawClient();
  token = (await alice.ok(`mutation { createAccessToken(name: "fuzz") { token } }`)).createAccessToken.token;
  await alice.ok(`mutation($input: CreateToolInput!) { createTool(input: $input) { slug } }`, {
    input: {
      slug: "fuzzed",
      name: "fuzzed",
      endpoint: { method: "GET", url: `${vendor.url}/echo?fixed=1` },
      inputSchema: JSON.stringify({ type: "object", properties: { q: { type: "string", maxLength: 20, pattern: "^[a-z]+$" } }, required: ["q"], additionalProperties: false }),
      credentialFields: [{ key: "apiKey", label: "API key", secret: true, required: true, pattern: "sk-[a-z0-9]{8,}" }],
      injection: [{ in: "HEADER", name: "x-api-key", template: "{{apiKey}}" }],
    },
  });
  budgetId = (await alice.ok(`mutation { createBudget(input: { name: "fuzz", limitCents: 1000 }) { id } }`)).createBudget.id;
  credentialId = (await alice.ok(`mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`, {
    input: { toolSlug: "fuzzed", name: "fuzz", budgetId, fields: [{ key: "apiKey", value: "sk-fuzzcanary0001" }] },
  })).createCredential.id;
  budgetKey = (await alice.ok(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "agent") { key } }`, { b: budgetId })).createBudgetKey.key;
});

after(async () => {
  await db?.close();
  await server?.stop();
  await vendor?.close();
});

// Values that break naive code: deep nesting, huge and odd numbers, long and odd strings, prototype keys.
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom("", " ", "\u0000", "\n{\"level\":60}", "../../etc", "%00", "__proto__", "constructor", "a".repeat(5000), "sk-", "𝔘nicode", "\ud800"),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileString,
    fc.double(),
    fc.integer(),
    fc.constantFrom(2 ** 53 + 1, -0, 1e308, null, true, false),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor", "prototype")), tie("value"), { maxKeys: 4 }),
  ),
})).value;
const deep = fc.integer({ min: 50, max: 3000 }).map((n) => JSON.parse("[".repeat(n) + "]".repeat(n)) as unknown);

const operations = [
  { query: `mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`, vars: (v: unknown) => ({ input: v }) },
  { query: `mutation($id: ID!, $input: UpdateCredentialInput!) { updateCredential(id: $id, input: $input) { id } }`, vars: (v: unknown, s: string) => ({ id: s.length % 2 ? s : credentialId, input: v }) },
  { query: `mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id } }`, vars: (v: unknown) => ({ input: v }) },
  { query: `mutation($id: ID!, $input: UpdateBudgetInput!) { updateBudget(id: $id, input: $input) { id } }`, vars: (v: unknown, s: string) => ({ id: s.length % 2 ? s : budgetId, input: v }) },
  { query: `mutation($input: CreateToolInput!) { createTool(input: $input) { slug } }`, vars: (v: unknown) => ({ input: v }) },
  { query: `mutation($input: BindCredentialInput!) { bindCredential(input: $input) { id } }`, vars: (v: unknown) => ({ input: v }) },
  { query: `mutation($b: ID!, $n: String!) { createBudgetKey(budgetId: $b, name: $n) { key } }`, vars: (v: unknown, s: string) => ({ b: s.length % 2 ? s : budgetId, n: v }) },
  { query: `mutation($b: ID!, $t: String!) { addToolToBudget(budgetId: $b, toolSlug: $t) { id } }`, vars: (v: unknown, s: string) => ({ b: budgetId, t: typeof v === "string" ? v : s }) },
  { query: `query($first: Int, $after: String, $action: String) { auditTrail(first: $first, after: $after, action: $action) { nodes { seq } } }`, vars: (v: unknown, s: string) => ({ first: v, after: s, action: s }) },
  { query: `query($id: ID!) { credential(id: $id) { id } budget(id: $id) { id } }`, vars: (_: unknown, s: string) => ({ id: s }) },
];

test("hostile GraphQL variables: never a 5xx or an internal error, and a refused mutation changes nothing", async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: operations.length - 1 }), fc.oneof(hostileValue, deep), hostileString, async (which, value, text) => {
      const op = operations[which]!;
      const before = await snapshot();
      const res = await fetch(`${server.url}/api/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: op.query, variables: op.vars(value, text) }),
      });
      const body = await res.text();
      assert.ok(res.status < 500, `${res.status}: ${body.slice(0, 300)}`);
      const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
      assert.ok(!parsed.errors?.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR"), body.slice(0, 300));
      if (parsed.errors?.length && op.query.startsWith("mutation")) assert.equal(await snapshot(), before, `a refused mutation wrote something: ${body.slice(0, 300)}`);
    }),
    { seed: SEED, numRuns: 200, interruptAfterTimeLimit: 60_000 },
  );
});

const body = fc.oneof(
  fc.record({ input: hostileValue }).map((b) => JSON.stringify(b)),
  fc.record({ input: fc.record({ q: hostileValue }, { requiredKeys: [] }) }).map((b) => JSON.stringify(b)),
  hostileValue.map((v) => JSON.stringify(v) ?? "null"),
  deep.map((d) => JSON.stringify({ input: { q: d } })),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom("", "{", '{"input":', '{"input":{"q":"a"}', '{"__proto__":{"input":{"q":"x"}}}', '{"input":{"q":"ok","fixed":"2"}}'),
);

test("hostile invoke bodies: never a 5xx; a refused call reaches no vendor and charges nothing", async () => {
  const spent = async () => (await db.db().collection("budgets").findOne({ name: "fuzz" }))!;
  const start = await spent();
  const before = await snapshot();
  let refused = 0;
  let answered = 0;
  await fc.assert(
    fc.asyncProperty(body, async (payload) => {
      const sent = vendor.received.length;
      const res = await fetch(`${server.url}/api/v1/tools/fuzzed/invoke`, { method: "POST", headers: { authorization: `Bearer ${budgetKey}`, "content-type": "application/json" }, body: payload });
      const text = await res.text();
      assert.ok(res.status < 500, `${res.status}: ${text.slice(0, 300)}`);
      if (res.status === 200) {
        answered += 1;
        return;
      }
      refused += 1;
      assert.equal(vendor.received.length, sent, `a refused call (${res.status}) reached the vendor: ${text.slice(0, 200)}`);
    }),
    { seed: SEED, numRuns: 300, interruptAfterTimeLimit: 60_000 },
  );
  assert.ok(refused > 50, `${refused} refused`);
  // Only answered calls cost money (the tool costs nothing here: nothing may be committed either).
  await new Promise((r) => setTimeout(r, 1_500));
  const end = await spent();
  assert.equal(end.spentCents, start.spentCents);
  assert.equal(await snapshot(), before, `${answered} answered, ${refused} refused: records changed`);
});
