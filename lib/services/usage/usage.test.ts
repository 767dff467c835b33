import "@/tests/helpers/test-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { Types } from "mongoose";
import type { TActor } from "@/lib/services/actor";
import type { TCallPlan } from "@/lib/services/invoke/invoke.service";
import { createBudget, getBudget } from "@/lib/services/budgets/budgets.service";
import { flushUsage, recordUsage, type TCallUsage } from "@/lib/gateway/state/usage-recorder";
import { listRecentUsage } from "@/lib/services/usage/usage.service";
import { Warning } from "@/models/warning";
import { rawClient, useTestDatabase } from "@/tests/helpers/database";

useTestDatabase();

const alice: TActor = { kind: "user", userId: new Types.ObjectId().toString() };
const bob: TActor = { kind: "user", userId: new Types.ObjectId().toString() };

function planFor(actor: TActor & { kind: "user" }, budgetId: string, toolSlug: string): TCallPlan {
  const actorOfKey = { kind: "budget" as const, budgetId, ownerId: new Types.ObjectId(actor.userId), keyHash: `hash-${budgetId}-${toolSlug}`, keyId: `bk_${toolSlug}` };
  return { actor: actorOfKey, toolSlug, refusal: null, limited: false, costCents: 1, credentialId: null, outbound: null, secretForms: [], tool: null, validate: null };
}

const ok = (requestId: string, costCents = 1): TCallUsage => ({ status: 200, vendorStatus: 200, errorCode: null, latencyMs: 3.2, costCents, limited: false, requestId });

test("calls are stored in buckets and read back newest first, per budget and owner", async () => {
  const budget = await createBudget(alice, { name: "usage", limitCents: null });
  const other = await createBudget(bob, { name: "bob's", limitCents: null });
  const weather = planFor(alice as TActor & { kind: "user" }, budget._id.toString(), "tomorrow-weather");
  const chat = planFor(alice as TActor & { kind: "user" }, budget._id.toString(), "openai-chat");

  // Three flushes, two tools: five buckets in all, calls interleaved in time across them.
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

  // On disk: one document per bucket, its calls as columns.
  const client = await rawClient();
  try {
    const buckets = await client.db().collection("usage_buckets").find({ budgetId: budget._id }).sort({ to: 1 }).toArray();
    assert.equal(buckets.length, 5);
    assert.deepEqual(buckets[2]!.calls.requestId, ["r3"]);
    assert.ok(buckets[2]!.calls.at[0] instanceof Date);
    assert.equal(buckets[2]!.from.getTime(), buckets[2]!.to.getTime());
  } finally {
    await client.close();
  }
});
