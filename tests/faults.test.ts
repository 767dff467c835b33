// The fault suite: the built server against a database of its own, under load, through a database outage,
// a SIGTERM, and a gateway copy killed outright while it holds a budget slice. Each ends with the same
// accounting check, read raw from the database: calls answered 200 = usage records = cents spent, and
// the budget's committed money = spent + what live gateways hold (nothing stranded, nothing counted twice).
import "@/tests/helpers/test-env";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { MongoClient, ObjectId } from "mongodb";
import { freePort, startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import { GraphQLClient } from "@/tests/helpers/graphql-client";
import { startVendorStub, type TVendorStub } from "@/tests/helpers/vendor-stub";
import { LAUNCHER, startOwnDatabase, type TOwnDatabase } from "@/tests/helpers/own-database";
import { TEST_PASSWORD } from "@/tests/helpers/accounts";

const skip = !fs.existsSync(LAUNCHER) && "needs the local FerretDB launcher (built by setup) to kill and restart a database";
const run = promisify(execFile);

let db: TOwnDatabase;
let server: TAppServer;
let vendor: TVendorStub;
let api: GraphQLClient;
let env: Record<string, string>;
let budgetId: string;
let key: string;
/** The 200s agents got, by budget key (each key here belongs to one budget). */
const answered = new Map<string, number>();
const answered200 = (bearer = key) => answered.get(bearer) ?? 0;

async function gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return api.ok<T>(query, variables);
}

async function newKey(): Promise<string> {
  const { createBudgetKey } = await gql(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "agent ${Math.random()}") { key } }`, { b: budgetId });
  return createBudgetKey.key;
}

async function call(base: string, bearer: string, tool = "fault-echo"): Promise<{ status: number; retryAfter: string | null; body: string }> {
  const res = await fetch(`${base}/api/v1/tools/${tool}/invoke`, { method: "POST", headers: { authorization: `Bearer ${bearer}` }, body: "{}" });
  const body = await res.text();
  if (res.status === 200) answered.set(bearer, answered200(bearer) + 1);
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body };
}

/** Calls from `workers` concurrent agents until `stop()`; returns every status seen. */
function load(base: string, bearer: string, workers = 8): { stop: () => Promise<number[]> } {
  const statuses: number[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async () => {
    while (running) statuses.push((await call(base, bearer).catch(() => ({ status: 0 }))).status);
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return statuses;
    },
  };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The books, read raw: usage records (of 200, all, rolled up by day), spent, committed, held by live leases. */
async function books(id = budgetId): Promise<{ records200: number; records: number; rolledUp: number; spent: number; committed: number; held: number }> {
  const client = await MongoClient.connect(db.uri);
  try {
    // Raw usage lives in one collection per day (models/usage-calls.ts).
    const days = (await client.db().listCollections({}, { nameOnly: true }).toArray()).filter((c) => c.name.startsWith("usage_calls_"));
    const buckets = (await Promise.all(days.map((c) => client.db().collection(c.name).find({ budgetId: new ObjectId(id) }).toArray()))).flat();
    const records200 = buckets.reduce((n, b) => n + (b.calls.status as number[]).filter((s) => s === 200).length, 0);
    const records = buckets.reduce((n, b) => n + (b.calls.status as number[]).length, 0);
    const rollupNames = (await client.db().listCollections({}, { nameOnly: true }).toArray()).filter((c) => c.name.startsWith("usage_days_"));
    const rollups = await Promise.all(rollupNames.map((c) => client.db().collection(c.name).findOne({ _id: id as never })));
    const rolledUp = rollups.reduce((n, r) => n + Number(r?.calls ?? 0), 0);
    const budget = (await client.db().collection("budgets").findOne({ _id: new ObjectId(id) }))!;
    const leases = await client.db().collection("gateway_leases").find().toArray();
    const held = leases.reduce((n, l) => n + Number((l.held ?? {})[id] ?? 0), 0);
    return { records200, records, rolledUp, spent: budget.spentCents, committed: budget.committedCents, held };
  } finally {
    await client.close();
  }
}

/** The books of one budget (by default the file's limited one) balance for `expected` calls answered 200. */
async function assertBooksBalance(id = budgetId, expected = answered200()): Promise<void> {
  // Flushes run each second and retried writes each second: give them their time, then compare.
  await waitFor("usage records for every answered call", async () => (await books(id)).records200 === expected, 15_000).catch(() => undefined);
  const { records200, records, rolledUp, spent, committed, held } = await books(id);
  assert.equal(records200, expected, "one usage record per call answered 200");
  assert.equal(rolledUp, records, "the daily roll-ups count every usage record once");
  assert.equal(spent, expected, "one cent spent per call answered 200");
  assert.equal(committed, spent + held, "committed = spent + held by live gateways");
}

before(async () => {
  if (skip) return;
  db = await startOwnDatabase(`vl_faults_${Date.now()}`);
  vendor = await startVendorStub();
  env = {
    MONGODB_URI: db.uri,
    CSFLE_KEY_VAULT_NAMESPACE: `${new URL(db.uri).pathname.slice(1)}_keys.__keyVault`,
    VAULTLINE_GATEWAY_LEASE_TTL_MS: "3000",
    VAULTLINE_SHUTDOWN_TIMEOUT_MS: "15000",
    // The hanging vendor's calls end after this; a tool may have 32 in flight (the SIGTERM test sends 20).
    VAULTLINE_VENDOR_TIMEOUT_MS: "5000",
    VAULTLINE_TOOL_CONCURRENCY: "32",
  };
  server = await startAppServer(env);
  const adminEnv = { ...process.env, ...env };
  await run("node_modules/.bin/tsx", ["scripts/admin.ts", "create-user", "--email", "faults@example.com", "--password", TEST_PASSWORD], { env: adminEnv });
  const { stdout } = await run("node_modules/.bin/tsx", ["scripts/admin.ts", "create-token", "--email", "faults@example.com", "--name", "faults"], { env: adminEnv });
  api = new GraphQLClient(server.url, { authorization: `Bearer ${stdout.trim().split("\n").at(-1)}` });

  for (const [slug, path, costCents] of [["fault-echo", "/wait?ms=20", 1], ["fault-slow", "/wait?ms=1500", 1], ["fault-hang", "/hang", 0]] as const) {
    await gql(`mutation($input: CreateToolInput!) { createTool(input: $input) { slug } }`, {
      input: { slug, name: slug, endpoint: { method: "POST", url: `${vendor.url}${path}` }, costCents, credentialFields: [], injection: [] },
    });
  }
  const { createBudget } = await gql(`mutation { createBudget(input: { name: "faults", limitCents: 1000000 }) { id } }`);
  budgetId = createBudget.id;
  for (const slug of ["fault-echo", "fault-slow"]) await gql(`mutation($b: ID!, $s: String!) { addToolToBudget(budgetId: $b, toolSlug: $s) { id } }`, { b: budgetId, s: slug });
  key = await newKey();
});

after(async () => {
  if (skip) return;
  await server?.stop();
  await vendor?.close();
  await db?.remove();
});

test("a database outage: warm calls keep answering, cold ones get 503 with Retry-After, and nothing is lost", { skip }, async () => {
  // A budget without a limit: its warm calls need nothing from the database. (A limited budget's calls
  // keep answering while their slice lasts, then need the database for the next one: 503 until it is back.)
  const { createBudget } = await gql(`mutation { createBudget(input: { name: "outage" }) { id } }`);
  await gql(`mutation($b: ID!) { addToolToBudget(budgetId: $b, toolSlug: "fault-echo") { id } }`, { b: createBudget.id });
  const { createBudgetKey } = await gql(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "outage agent") { key } }`, { b: createBudget.id });
  const outageKey: string = createBudgetKey.key;
  for (let i = 0; i < 5; i++) assert.equal((await call(server.url, outageKey)).status, 200);
  const agents = load(server.url, outageKey);
  await new Promise((r) => setTimeout(r, 1_000));

  await db.kill();
  try {
    await waitFor("/readyz to say the database is away", async () => (await fetch(`${server.url}/readyz`)).status === 503);
    // Past the plans' 10 s life: warm plans must still serve while the database is away.
    await new Promise((r) => setTimeout(r, 11_000));
    const duringOutage = await call(server.url, outageKey);
    assert.equal(duringOutage.status, 200, duringOutage.body);
    const started = performance.now();
    const cold = await call(server.url, key); // a plan this server never built: it needs the database
    const coldMs = Math.round(performance.now() - started);
    assert.equal(cold.status, 503, cold.body);
    assert.equal(JSON.parse(cold.body).error.code, "service_unavailable");
    assert.ok(Number(cold.retryAfter) > 0, "Retry-After on a 503");
    const graphql = await api.request(`{ budgets { id } }`);
    assert.equal(graphql.errors?.[0]?.extensions?.code, "SERVICE_UNAVAILABLE", JSON.stringify(graphql));
    console.log(`cold call during the outage answered 503 in ${coldMs} ms`);
  } finally {
    await db.start();
  }
  await waitFor("/readyz to be ready again", async () => (await fetch(`${server.url}/readyz`)).status === 200);
  await new Promise((r) => setTimeout(r, 1_000));
  const statuses = await agents.stop();
  assert.ok(answered200(outageKey) > 50, "agents kept being answered");
  assert.deepEqual([...new Set(statuses)].filter((s) => s !== 200), [], "no warm call failed during the outage");
  const logs = server.output();
  // Once by each process that lost its connection: the gateway and the dashboard.
  assert.equal(logs.match(/"database lost"/g)?.length, 2, "the outage is logged once per process");
  assert.equal(logs.match(/"database back"/g)?.length, 2, "and its end once per process");
  await assertBooksBalance(createBudget.id, answered200(outageKey));
});

test("a hanging vendor endpoint next to a healthy one on the same host: the healthy tool keeps answering", { skip }, async () => {
  // One budget with both tools, so the budget's own limit (128) is in play too; the hanging tool costs
  // nothing, so its timeouts leave the books as "one cent per 200".
  const { createBudget } = await gql(`mutation { createBudget(input: { name: "bulkhead" }) { id } }`);
  for (const slug of ["fault-echo", "fault-hang"]) await gql(`mutation($b: ID!, $s: String!) { addToolToBudget(budgetId: $b, toolSlug: $s) { id } }`, { b: createBudget.id, s: slug });
  const { createBudgetKey } = await gql(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "bulkhead agent") { key } }`, { b: createBudget.id });
  const bulkheadKey: string = createBudgetKey.key;
  const healthyRound = async () => {
    const times: number[] = [];
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = 0; i < 10; i++) {
          const started = performance.now();
          statuses.push((await call(server.url, bulkheadKey)).status);
          times.push(performance.now() - started);
        }
      }),
    );
    return { statuses, p50: Math.round(times.sort((a, b) => a - b)[times.length >> 1]!) };
  };
  const baseline = await healthyRound();

  // More hanging calls than the old shared pool had sockets per host (256).
  const hangsAtVendor = () => vendor.received.filter((r) => r.path === "/hang").length;
  const hangsBefore = hangsAtVendor();
  let hangsAnswered = 0;
  const hanging = Array.from({ length: 300 }, () => call(server.url, bulkheadKey, "fault-hang").finally(() => hangsAnswered++));
  await waitFor("the tool's 32 places taken by hanging calls", async () => hangsAtVendor() - hangsBefore === 32, 10_000);
  await waitFor("the calls past the tool's limit refused", async () => hangsAnswered === 300 - 32, 10_000);

  const during = await healthyRound();
  // The 32 hanging calls are still waiting for the vendor (5 s deadline): the healthy tool was served meanwhile.
  assert.equal(hangsAnswered, 300 - 32, "no hanging call had ended yet");
  assert.deepEqual([...new Set(during.statuses)], [200], "every call of the healthy tool answered 200");
  console.log(`healthy tool p50: ${baseline.p50} ms alone, ${during.p50} ms next to 32 hanging calls on the same host`);

  const answers = await Promise.all(hanging);
  const byStatus = (status: number) => answers.filter((a) => a.status === status);
  assert.equal(byStatus(504).length, 32, "the hanging calls ended at the vendor deadline");
  assert.equal(byStatus(503).length, 300 - 32, "the rest were refused at once");
  for (const refused of byStatus(503)) {
    assert.equal(JSON.parse(refused.body).error.code, "tool_busy");
    assert.ok(Number(refused.retryAfter) > 0, "Retry-After on tool_busy");
  }
  // Once they ended, the tool takes calls again (the vendor still hangs: the next call reaches it).
  const hangsNow = hangsAtVendor();
  const again = call(server.url, bulkheadKey, "fault-hang");
  await waitFor("the tool called again", async () => hangsAtVendor() === hangsNow + 1, 10_000);
  assert.equal((await again).status, 504);
  await assertBooksBalance(createBudget.id, answered200(bulkheadKey));
});

test("a gateway copy killed outright while it holds a slice: another gives the slice back", { skip }, async () => {
  const port = await freePort();
  const copy = spawn("node_modules/.bin/tsx", ["processes/gateway.ts"], {
    env: { ...process.env, ...env, NODE_ENV: "production", PORT: String(port), LOG_LEVEL: "warn" },
    stdio: "ignore",
    detached: true, // its own process group, so that kill -9 reaches tsx and the node it runs
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor("the gateway copy", async () => (await fetch(`${base}/healthz`)).ok);
  for (let i = 0; i < 20; i++) assert.equal((await call(base, key)).status, 200);
  await waitFor("the copy's usage and lease written", async () => (await books()).records200 === answered200() && (await books()).held > 0, 10_000);
  const before = await books();
  assert.ok(before.committed > before.spent, "the copy holds a slice");

  process.kill(-copy.pid!, "SIGKILL");
  // The server sees the copy's lease go quiet (3 s here) and gives its money back.
  // Nothing else holds money of this budget: once the copy's lease is reclaimed, committed = spent.
  await waitFor("the dead copy's slice given back", async () => {
    const now = await books();
    return now.held === 0 && now.committed === now.spent;
  }, 20_000);
  assert.match(server.output(), /gave back the budget slices of a gateway that stopped without returning them/);
  await assertBooksBalance();
});

test("SIGTERM under load: every call in flight is answered, usage written, slices returned, exit 0", { skip }, async () => {
  const inFlight = Array.from({ length: 20 }, () => call(server.url, key, "fault-slow"));
  await new Promise((r) => setTimeout(r, 300)); // all 20 reached the vendor, which takes 1.5 s
  const stopped = server.stop();
  const answers = await Promise.all(inFlight);
  assert.deepEqual(answers.map((a) => a.status), Array(20).fill(200), "no call in flight was cut off");
  await stopped;
  assert.equal(await server.exited, 0);
  const logs = server.output();
  for (const step of ["stopping: no new connections", "stopping: requests in flight answered", "stopping: usage written", "stopping: budget slices returned", "stopped"]) {
    assert.ok(logs.includes(step), `logged "${step}"`);
  }
  const { records200, spent, committed, held } = await books();
  assert.equal(records200, answered200());
  assert.equal(spent, answered200());
  const stopLines = logs.split("\n").filter((l) => /stopping|lease|writes/.test(l)).join("\n");
  assert.equal(held, 0, `a clean stop leaves no lease behind; the server said:\n${stopLines}`);
  assert.equal(committed, spent, "every slice went back");
});
