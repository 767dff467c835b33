// Guardrails against the built server and a second gateway copy on the real database: spend windows at
// their calendar boundary in the budget's zone and under 200 concurrent calls split across two gateway
// processes (never a cent over any cap; spent = usage records), and a key's rate limit measured with a
// load generator across both copies (admitted within 10% of the limit, never above it).
import "@/tests/helpers/test-env";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import { MongoClient, ObjectId } from "mongodb";
import { freePort, startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import { GraphQLClient } from "@/tests/helpers/graphql-client";
import { startVendorStub, type TVendorStub } from "@/tests/helpers/vendor-stub";
import { TEST_PASSWORD } from "@/tests/helpers/accounts";
import { periodAt } from "@/lib/services/budgets/spend-periods";

const run = promisify(execFile);
const ZONE = "Asia/Kolkata";
// The windows' clock is shifted (VAULTLINE_TEST_CLOCK_OFFSET_MS, test only) so that midnight in ZONE
// falls at BOUNDARY, a little after the other tests ran.
const BOUNDARY = Date.now() + 150_000;
const MIDNIGHT = periodAt("day", Date.now(), ZONE).resetsAt.getTime();
const OFFSET = MIDNIGHT - BOUNDARY;

let server: TAppServer;
let copy: ChildProcess;
let copyUrl: string;
let vendor: TVendorStub;
let api: GraphQLClient;
let other: GraphQLClient;
let dbUri: string;

const gql = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) => api.ok<T>(query, variables);
const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

async function call(base: string, bearer: string, tool: string): Promise<{ status: number; retryAfter: string | null; body: any }> {
  const res = await fetch(`${base}/api/v1/tools/${tool}/invoke`, { method: "POST", headers: { authorization: `Bearer ${bearer}` }, body: "{}" });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() };
}

async function budgetWithKey(input: Record<string, unknown>, tool: string): Promise<{ id: string; key: string }> {
  const { createBudget } = await gql(`mutation($input: CreateBudgetInput!) { createBudget(input: $input) { id } }`, { input });
  await gql(`mutation($b: ID!, $s: String!) { addToolToBudget(budgetId: $b, toolSlug: $s) { id } }`, { b: createBudget.id, s: tool });
  const { createBudgetKey } = await gql(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "agent") { key budgetKey { id } } }`, { b: createBudget.id });
  return { id: createBudget.id, key: createBudgetKey.key };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Read raw: usage records answered 200 and their cost, the budget's spent, and its spend windows. */
async function books(budgetId: string) {
  const client = await MongoClient.connect(dbUri);
  try {
    const names = (await client.db().listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    const buckets = (await Promise.all(names.filter((n) => n.startsWith("usage_calls_")).map((n) => client.db().collection(n).find({ budgetId: new ObjectId(budgetId) }).toArray()))).flat();
    let records200 = 0;
    let cost = 0;
    for (const b of buckets) {
      (b.calls.status as number[]).forEach((s, i) => {
        if (s === 200) records200++;
        cost += (b.calls.costCents as number[])[i] ?? 0;
      });
    }
    const budget = (await client.db().collection("budgets").findOne({ _id: new ObjectId(budgetId) }))!;
    const windows = await client.db().collection("spend_windows").find({ _id: { $regex: `^${budgetId}:` } as never }).toArray();
    return { records200, cost, spent: budget.spentCents as number, windows: new Map(windows.map((w) => [String(w._id).split(":")[1]!, w as unknown as { spentCents: number; committedCents: number }])) };
  } finally {
    await client.close();
  }
}

async function userToken(email: string, env: Record<string, string>): Promise<string> {
  const adminEnv = { ...process.env, ...env };
  await run("node_modules/.bin/tsx", ["scripts/admin.ts", "create-user", "--email", email, "--password", TEST_PASSWORD], { env: adminEnv });
  const { stdout } = await run("node_modules/.bin/tsx", ["scripts/admin.ts", "create-token", "--email", email, "--name", "guardrails"], { env: adminEnv });
  return stdout.trim().split("\n").at(-1)!;
}

before(async () => {
  dbUri = process.env.MONGODB_URI!;
  vendor = await startVendorStub();
  const env = { VAULTLINE_TEST_CLOCK_OFFSET_MS: String(OFFSET), VAULTLINE_TOOL_CONCURRENCY: "256", VAULTLINE_BUDGET_CONCURRENCY: "512" };
  server = await startAppServer(env);
  const port = await freePort();
  copyUrl = `http://127.0.0.1:${port}`;
  copy = spawn("node_modules/.bin/tsx", ["processes/gateway.ts"], { env: { ...process.env, ...env, NODE_ENV: "production", PORT: String(port), LOG_LEVEL: "warn" }, stdio: "ignore" });
  await waitFor("the gateway copy", async () => (await fetch(`${copyUrl}/healthz`)).ok, 60_000);
  api = new GraphQLClient(server.url, { authorization: `Bearer ${await userToken("guard@example.com", env)}` });
  other = new GraphQLClient(server.url, { authorization: `Bearer ${await userToken("other@example.com", env)}` });
  for (const [slug, costCents, path] of [["g-echo", 1, "/wait?ms=5"], ["g-free", 0, "/wait?ms=5"], ["g-dear", 9, "/wait?ms=5"], ["g-drop", 2, "/drop"], ["g-gone", 2, "/x"]] as const) {
    // g-gone's vendor is a port nobody listens on.
    const url = slug === "g-gone" ? `http://127.0.0.1:${await freePort()}${path}` : `${vendor.url}${path}`;
    await gql(`mutation($input: CreateToolInput!) { createTool(input: $input) { slug } }`, {
      input: { slug, name: slug, endpoint: { method: "POST", url }, costCents, credentialFields: [], injection: [] },
    });
  }
});

after(async () => {
  copy?.kill("SIGTERM");
  await server?.stop();
  await vendor?.close();
});

test("200 concurrent calls over two gateway processes: never a cent over the weekly cap, spent = usage records = the windows' totals", async () => {
  const { id, key } = await budgetWithKey({ name: "caps", limitCents: 10_000, dayLimitCents: 100, weekLimitCents: 60, monthLimitCents: 500, perCallLimitCents: 5 }, "g-echo");
  const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => call(i % 2 ? server.url : copyUrl, key, "g-echo")));
  const ok = answers.filter((a) => a.status === 200).length;
  const refused = answers.filter((a) => a.status !== 200);
  console.log(`weekly cap 60 cents, 200 concurrent calls over two copies: ${ok} admitted`);
  assert.ok(ok <= 60 && ok >= 50, `admitted ${ok} of a 60-cent weekly cap`);
  for (const r of refused) {
    assert.equal(r.status, 402);
    assert.equal(r.body.error.code, "budget_exceeded");
    assert.equal(r.body.error.window, "week");
    assert.ok(Number(r.retryAfter) > 0, "Retry-After until the week resets");
  }
  const week = periodAt("week", Date.now() + OFFSET, "UTC").key;
  const day = periodAt("day", Date.now() + OFFSET, "UTC").key;
  await waitFor("usage and windows written", async () => {
    const b = await books(id);
    return b.records200 === ok && b.spent === ok && b.windows.get(week)?.spentCents === ok;
  });
  const b = await books(id);
  assert.equal(b.cost, ok, "usage records cost what was spent");
  assert.equal(b.windows.get(day)?.spentCents, ok);
  assert.ok(b.windows.get(week)!.committedCents <= 60, "committed never past the cap");
  const { budget } = await gql(`query($id: ID!) { budget(id: $id) { spendWindows { period limitCents spentCents remainingCents startsAt resetsAt } } }`, { id });
  const byPeriod = Object.fromEntries(budget.spendWindows.map((w: any) => [w.period, w]));
  assert.deepEqual(Object.keys(byPeriod).sort(), ["DAY", "LIFETIME", "MONTH", "WEEK"]);
  assert.equal(byPeriod.WEEK.spentCents, ok);
  assert.equal(byPeriod.WEEK.remainingCents, 60 - ok);
  assert.ok(Date.parse(byPeriod.WEEK.resetsAt) > Date.now());
  assert.equal(byPeriod.LIFETIME.resetsAt, null);
  // Another owner sees nothing of it.
  assert.equal((await other.ok(`query($id: ID!) { budget(id: $id) { spendWindows { period } } }`, { id })).budget, null);
});

test("the per-call cap refuses a dearer tool before the vendor; a bad time zone changes nothing", async () => {
  const { id, key } = await budgetWithKey({ name: "per call", perCallLimitCents: 5 }, "g-dear");
  const before = vendor.received.length;
  const refused = await call(server.url, key, "g-dear");
  assert.equal(refused.status, 402);
  assert.equal(refused.body.error.code, "budget_exceeded");
  assert.equal(refused.body.error.window, "call");
  assert.equal(vendor.received.length, before, "the vendor was not called");
  const bad = await api.request(`mutation($id: ID!) { updateBudget(id: $id, input: { timeZone: "Mars/Olympus" }) { id } }`, { id });
  assert.equal(bad.errors?.[0]?.extensions?.code, "BAD_USER_INPUT");
  const { budget } = await gql(`query($id: ID!) { budget(id: $id) { timeZone perCallLimitCents } }`, { id });
  assert.deepEqual(budget, { timeZone: "UTC", perCallLimitCents: 5 });
});

test("what a failed call costs follows the catalog's rule: a vendor that took the request and dropped it is charged, one never reached is not", async () => {
  const { id, key } = await budgetWithKey({ name: "failures", limitCents: 100 }, "g-drop");
  await gql(`mutation($b: ID!) { addToolToBudget(budgetId: $b, toolSlug: "g-gone") { id } }`, { b: id });
  const dropped = await call(server.url, key, "g-drop");
  assert.deepEqual([dropped.status, dropped.body.error.code], [502, "vendor_connection_lost"]);
  const unreachable = await call(server.url, key, "g-gone");
  assert.deepEqual([unreachable.status, unreachable.body.error.code], [502, "vendor_unreachable"]);
  await waitFor("usage written", async () => (await books(id)).spent === 2);
  const b = await books(id);
  assert.equal(b.cost, 2, "the dropped call's 2 cents, nothing for the unreachable one");
});

test("a key's rate limit across two gateway copies: within 10% of the limit, never above, 429 rate_limited with Retry-After", async () => {
  const LIMIT = 300;
  const { key } = await budgetWithKey({ name: "rated" }, "g-free");
  const { budget } = await gql(`query { budgets { id keys { id } } }`).then((d) => ({ budget: d.budgets.at(-1) }));
  const { updateBudgetKey } = await gql(`mutation($input: UpdateBudgetKeyInput!) { updateBudgetKey(input: $input) { budgetKey { id rateLimitPerMinute } } }`, {
    input: { id: budget.keys[0].id, rateLimitPerMinute: LIMIT },
  });
  assert.equal(updateBudgetKey.budgetKey.rateLimitPerMinute, LIMIT);
  assert.equal(await other.errorCode(`mutation($input: UpdateBudgetKeyInput!) { updateBudgetKey(input: $input) { budgetKey { id } } }`, { input: { id: budget.keys[0].id, rateLimitPerMinute: 1 } }), "NOT_FOUND");
  // All in one minute: start early in one.
  while (new Date().getSeconds() > 20 || new Date().getSeconds() < 1) await new Promise((r) => setTimeout(r, 500));
  const minute = Math.floor(Date.now() / 60_000);
  const statuses: number[] = [];
  const retryAfters: string[] = [];
  const workers = Array.from({ length: 16 }, async (_, w) => {
    while (statuses.length < 4 * LIMIT && Math.floor(Date.now() / 60_000) === minute) {
      const answer = await call(w % 2 ? server.url : copyUrl, key, "g-free");
      statuses.push(answer.status);
      if (answer.status === 429) {
        assert.equal(answer.body.error.code, "rate_limited");
        retryAfters.push(answer.retryAfter ?? "");
      }
    }
  });
  await Promise.all(workers);
  assert.equal(Math.floor(Date.now() / 60_000), minute, "the load stayed within one minute");
  const admitted = statuses.filter((s) => s === 200).length;
  console.log(`rate limit ${LIMIT}/min over two copies: ${admitted} admitted of ${statuses.length} sent`);
  assert.ok(admitted <= LIMIT, `never above the limit: ${admitted}`);
  assert.ok(admitted >= LIMIT * 0.9, `within 10% of the limit: ${admitted}`);
  assert.ok(retryAfters.length > 0 && retryAfters.every((r) => Number(r) >= 1 && Number(r) <= 60));
});

test("a daily cap at midnight in the budget's zone: 23:59:59 counts in the day ending, 00:00:00 in the new one", async () => {
  const { id, key } = await budgetWithKey({ name: "midnight", dayLimitCents: 4, timeZone: ZONE }, "g-echo");
  for (let i = 0; i < 3; i++) assert.equal((await call(server.url, key, "g-echo")).status, 200);
  await sleepUntil(BOUNDARY - 800); // 23:59:59.2
  assert.equal((await call(copyUrl, key, "g-echo")).status, 200, "the day's fourth cent at 23:59:59");
  const full = await call(server.url, key, "g-echo"); // 23:59:59.5 or so
  assert.equal(full.status, 402);
  assert.equal(full.body.error.window, "day");
  assert.equal(Date.parse(full.body.error.resetsAt), MIDNIGHT - OFFSET, "resets at midnight in the zone");
  assert.ok(Number(full.retryAfter) <= 1);
  await sleepUntil(BOUNDARY + 200); // 00:00:00.2
  assert.equal((await call(server.url, key, "g-echo")).status, 200, "a new day at 00:00:00");
  const dayEnding = periodAt("day", MIDNIGHT - 1, ZONE).key;
  const dayNew = periodAt("day", MIDNIGHT, ZONE).key;
  await waitFor("windows written", async () => (await books(id)).windows.get(dayNew)?.spentCents === 1);
  const b = await books(id);
  assert.equal(b.windows.get(dayEnding)?.spentCents, 4);
  assert.ok(b.windows.get(dayEnding)!.committedCents <= 4);
  assert.equal(b.spent, 5);
  assert.equal(b.records200, 5);
});
