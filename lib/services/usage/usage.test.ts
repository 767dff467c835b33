import "@/tests/helpers/test-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { Types } from "mongoose";
import type { TActor } from "@/lib/services/actor";
import type { TCallPlan } from "@/lib/services/invoke/invoke.service";
import { createBudget, getBudget } from "@/lib/services/budgets/budgets.service";
import { flushUsage, recordUsage, type TCallUsage } from "@/lib/gateway/state/usage-recorder";
import { FILTER_SCAN_BUCKETS, listRecentUsage, listUsage, usageSummary } from "@/lib/services/usage/usage.service";
import { dropExpiredRawUsage, prepareUsageWrite, storeUsage, type TBudgetCalls } from "@/lib/services/usage/usage-store";
import { Warning } from "@/models/warning";
import { rawClient, useTestDatabase } from "@/tests/helpers/database";

useTestDatabase();

const alice: TActor = { kind: "user", userId: new Types.ObjectId().toString() };
const bob: TActor = { kind: "user", userId: new Types.ObjectId().toString() };

function planFor(actor: TActor & { kind: "user" }, budgetId: string, toolSlug: string): TCallPlan {
  const actorOfKey = { kind: "budget" as const, budgetId, ownerId: new Types.ObjectId(actor.userId), keyHash: `hash-${budgetId}-${toolSlug}`, keyId: `bk_${toolSlug}` };
  return { actor: actorOfKey, rateLimits: { key: 0, budget: 0, keyScope: "", budgetScope: "" }, toolSlug, toolKey: toolSlug, refusal: null, limited: false, costCents: 1, credentialId: null, outbound: null, secretForms: [], tool: null, validate: null, oauth: null };
}

const ok = (requestId: string, costCents = 1): TCallUsage => ({ status: 200, vendorStatus: 200, errorCode: null, latencyMs: 3.2, costCents, limited: false, requestId });

test("calls are stored in buckets and read back newest first, per budget and owner", async () => {
  const budget = await createBudget(alice, { name: "usage", limitCents: null });
  const other = await createBudget(bob, { name: "bob's", limitCents: null });
  const weather = planFor(alice as TActor & { kind: "user" }, budget._id.toString(), "tomorrow-weather");
  const chat = planFor(alice as TActor & { kind: "user" }, budget._id.toString(), "openai-chat");

  // Three flushes, two tools, calls interleaved in time across them.
  recordUsage(weather, ok("r1"));
  await sleep(5);
  recordUsage(chat, ok("r2"));
  await flushUsage();
  await sleep(5);
  recordUsage(weather, ok("r3"));
  await sleep(5);
  recordUsage(chat, { ...ok("r4"), status: 424, vendorStatus: null, errorCode: "missing_credential", costCents: 0 });
  await flushUsage();
  await sleep(5);
  recordUsage(weather, ok("r5"));
  recordUsage(planFor(bob as TActor & { kind: "user" }, other._id.toString(), "tomorrow-weather"), ok("bob-1"));
  await flushUsage();

  const all = await listRecentUsage(alice, budget._id, 100);
  assert.deepEqual(all.map((c) => c.requestId), ["r5", "r4", "r3", "r2", "r1"]);
  assert.deepEqual(
    { ...all[1], at: undefined },
    { requestId: "r4", toolSlug: "openai-chat", status: 424, vendorStatus: null, errorCode: "missing_credential", latencyMs: 3.2, costCents: 0, at: undefined },
  );
  assert.deepEqual((await listRecentUsage(alice, budget._id, 2)).map((c) => c.requestId), ["r5", "r4"]);
  // Another owner's budget id finds nothing, and their calls never show up here.
  assert.deepEqual(await listRecentUsage(bob, budget._id, 100), []);
  assert.deepEqual((await listRecentUsage(bob, other._id, 100)).map((c) => c.requestId), ["bob-1"]);

  // The sums, stamps and warnings written with the buckets.
  const stored = await getBudget(alice, budget._id.toString());
  assert.equal(stored.spentCents, 4);
  const warnings = await Warning.find({ budgetId: budget._id }).lean();
  assert.deepEqual(warnings.map((w) => [w.toolSlug, w.count]), [["openai-chat", 1]]);

  // On disk: one bucket per budget and flush (its calls as columns, tools interleaved in time), in the
  // day's raw collection, and one roll-up per budget and day.
  const client = await rawClient();
  try {
    const day = new Date().toISOString().slice(0, 10);
    const raw = await client.db().collection(`usage_calls_${day.replaceAll("-", "")}`).find({ budgetId: budget._id }).toArray();
    assert.equal(raw.length, 3);
    const all = raw.flatMap((b) => b.calls.requestId as string[]).sort();
    assert.deepEqual(all, ["r1", "r2", "r3", "r4", "r5"]);
    const first = raw.find((b) => (b.calls.requestId as string[]).includes("r1"))!;
    assert.deepEqual(first.calls.tool, ["tomorrow-weather", "openai-chat"]);
    assert.ok(first.calls.at[0] instanceof Date);
    const rollup = await client.db().collection(`usage_days_${day.replaceAll("-", "")}`).findOne({ _id: budget._id.toString() as never });
    assert.equal(rollup?.calls, 5);
    assert.equal(rollup?.costCents, 4);
    assert.equal(rollup?.errors, 1);
    assert.deepEqual(rollup?.tools["openai-chat"], { calls: 2, costCents: 1, errors: 1 });
    assert.deepEqual(rollup?.appliedOps, []);
  } finally {
    await client.close();
  }
});

const DAY = 86_400_000;

/** Calls of one budget at the given times (oldest first), through the store's write path. */
function callsAt(ownerId: Types.ObjectId, budgetId: string, times: number[], tool = "tomorrow-weather"): TBudgetCalls {
  return {
    ownerId,
    budgetId,
    calls: {
      at: times,
      tool: times.map(() => tool),
      status: times.map(() => 200),
      vendorStatus: times.map(() => 200),
      errorCode: times.map(() => null),
      latencyMs: times.map(() => 5),
      costCents: times.map(() => 2),
      requestId: times.map((t) => `req-${t}`),
    },
  };
}

test("pages by cursor across minutes and days, a time range, totals per tool and day, and nothing of another owner", async () => {
  const budget = await createBudget(alice, { name: "paged", limitCents: null });
  const ownerId = new Types.ObjectId((alice as { userId: string }).userId);
  const id = budget._id.toString();
  const now = Date.now();
  // 45 calls: three bursts of 15, today, yesterday and five days ago, 3 s apart.
  const times = [5 * DAY, DAY, 0].flatMap((back) => Array.from({ length: 15 }, (_, i) => now - back - 600_000 + i * 3_000));
  await storeUsage(prepareUsageWrite([callsAt(ownerId, id, times.slice(0, 15), "a-tool"), callsAt(ownerId, id, times.slice(15), "b-tool")]));

  const seen: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page = await listUsage(alice, budget._id, { first: 20, after });
    assert.equal(await page.totalCount(), 45);
    seen.push(...page.edges.map((e) => e.node.requestId));
    pages++;
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  assert.equal(pages, 3);
  assert.deepEqual(seen, [...times].sort((a, b) => b - a).map((t) => `req-${t}`), "every call once, newest first");

  const lastTwoDays = await listUsage(alice, budget._id, { first: 100, from: new Date(now - 2 * DAY) });
  assert.equal(await lastTwoDays.totalCount(), 30);
  assert.equal(lastTwoDays.edges.length, 30);
  assert.equal(lastTwoDays.hasNextPage, false);

  const summary = await usageSummary(alice, budget._id, { from: new Date(now - 6 * DAY) });
  assert.deepEqual({ calls: summary.calls, costCents: summary.costCents }, { calls: 45, costCents: 90 });
  assert.deepEqual(summary.byTool.map((t) => [t.toolSlug, t.calls]).sort(), [["a-tool", 15], ["b-tool", 30]]);
  assert.deepEqual(summary.byDay.map((d) => d.calls), [15, 15, 15]);

  // Another owner with this budget's id sees nothing; a cursor not made here is a field error.
  assert.deepEqual((await listUsage(bob, budget._id)).edges, []);
  assert.equal((await usageSummary(bob, budget._id)).calls, 0);
  await assert.rejects(listUsage(alice, budget._id, { after: "bm90LWEtY3Vyc29y" }), { code: "invalid_input" });
  await assert.rejects(listUsage(alice, budget._id, { first: 101 }), { code: "invalid_input" });
});

test("a retried write counts once, and another gateway's bucket of the same minute is kept apart", async () => {
  const budget = await createBudget(alice, { name: "retried", limitCents: null });
  const ownerId = new Types.ObjectId((alice as { userId: string }).userId);
  const id = budget._id.toString();
  const now = Date.now() - 1_000;
  const mine = prepareUsageWrite([callsAt(ownerId, id, [now, now + 1])]);
  // Every answer lost: a copy that knows nothing of what landed finds its own bucket and roll-up insert.
  await storeUsage(mine);
  await storeUsage({ ...mine, applied: new Set() });
  // Another gateway numbered its bucket of this minute the same (its own count): it moves to the next.
  const theirs = prepareUsageWrite([callsAt(ownerId, id, [now + 2])]);
  theirs.parts[0]!.k = mine.parts[0]!.k;
  await storeUsage(theirs);
  await storeUsage(theirs); // a retry after a later step failed: nothing counted again
  const page = await listUsage(alice, budget._id, { first: 10 });
  assert.deepEqual(page.edges.map((e) => e.node.requestId), [`req-${now + 2}`, `req-${now + 1}`, `req-${now}`]);
  assert.equal(await page.totalCount(), 3);
  assert.equal((await usageSummary(alice, budget._id)).calls, 3);
});

test("retention drops the raw records of expired days only; daily totals stay", async () => {
  const budget = await createBudget(alice, { name: "old", limitCents: null });
  const ownerId = new Types.ObjectId((alice as { userId: string }).userId);
  const now = Date.now();
  await storeUsage(prepareUsageWrite([callsAt(ownerId, budget._id.toString(), [now - 40 * DAY, now - 2 * DAY])]));
  const dropped = await dropExpiredRawUsage(30, now);
  assert.deepEqual(dropped, [new Date(now - 40 * DAY).toISOString().slice(0, 10)]);
  const page = await listUsage(alice, budget._id, { first: 10, from: new Date(now - 60 * DAY) });
  assert.deepEqual(page.edges.map((e) => e.node.requestId), [`req-${now - 2 * DAY}`], "raw records past the retention are gone");
  const summary = await usageSummary(alice, budget._id, { from: new Date(now - 60 * DAY) });
  assert.equal(summary.calls, 2, "the expired day's totals are kept");
  assert.deepEqual(await dropExpiredRawUsage(30, now), [], "nothing left to drop");
});

test("a filtered page keeps the calls that match, reads at most FILTER_SCAN_BUCKETS buckets, and goes on by cursor", async () => {
  const budget = await createBudget(alice, { name: "filtered", limitCents: null });
  const ownerId = new Types.ObjectId((alice as { userId: string }).userId);
  const id = budget._id.toString();
  const now = Date.now();
  // 250 minutes of calls (one bucket each) today, the oldest a failure of b-tool; a-tool only otherwise.
  const times = Array.from({ length: 250 }, (_, i) => now - 1_000 - i * 60_000).filter((t) => t >= Math.floor(now / DAY) * DAY);
  const failing = { ...callsAt(ownerId, id, [times.at(-1)!], "b-tool") };
  failing.calls.errorCode = ["vendor_timeout"];
  failing.calls.status = [504];
  await storeUsage(prepareUsageWrite([callsAt(ownerId, id, times.slice(0, -1).reverse(), "a-tool"), failing]));

  // A tool called on no day of the range reads no bucket at all: an empty last page.
  const none = await listUsage(alice, budget._id, { first: 20, filter: { toolSlug: "c-tool" } });
  assert.deepEqual([none.edges.length, none.hasNextPage], [0, false]);

  // The one failure sits past the bound when there are more buckets than it: found on a later page.
  const seen: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page = await listUsage(alice, budget._id, { first: 20, after, filter: { status: "error" } });
    seen.push(...page.edges.map((e) => e.node.errorCode ?? "ok"));
    pages++;
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  assert.deepEqual(seen, ["vendor_timeout"]);
  assert.equal(pages, times.length > FILTER_SCAN_BUCKETS ? 2 : 1, "the bound ends a page early");

  const byRequest = await listUsage(alice, budget._id, { first: 20, filter: { requestId: `req-${times[3]}` } });
  assert.deepEqual(byRequest.edges.map((e) => e.node.requestId), [`req-${times[3]}`]);
  const okOnly = await listUsage(alice, budget._id, { first: 5, filter: { status: "ok", toolSlug: "a-tool" } });
  assert.deepEqual(okOnly.edges.map((e) => e.node.requestId), times.slice(0, 5).map((t) => `req-${t}`));
  // Another owner filters nothing out of someone else's budget.
  assert.deepEqual((await listUsage(bob, budget._id, { first: 20, filter: { status: "error" } })).edges, []);
});
