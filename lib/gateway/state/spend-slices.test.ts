import "@/tests/helpers/test-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { Types } from "mongoose";
import type { TActor } from "@/lib/services/actor";
import { Budget } from "@/models/budget";
import { createBudget } from "@/lib/services/budgets/budgets.service";
import { releaseAll, reserve, spendFromSlice } from "@/lib/gateway/state/spend-slices";
import { useTestDatabase } from "@/tests/helpers/database";

useTestDatabase();

const alice: TActor = { kind: "user", userId: new Types.ObjectId().toString() };

const committed = async (id: Types.ObjectId) => (await Budget.findById(id).lean())!.committedCents ?? 0;

test("slices spend exactly the limit, topped up ahead of need, and never commit past it", async () => {
  const budget = await createBudget(alice, { name: "sliced", limitCents: 20 });
  const id = budget._id.toString();
  let spent = 0;
  let waited = 0;
  for (let call = 0; call < 25; call++) {
    if (spendFromSlice(id, 1)) spent += 1;
    else {
      if (spent < 20) waited += 1;
      if ((await reserve(id, 1)) === "reserved") spent += 1;
    }
    assert.ok((await committed(budget._id)) <= 20, `committed past the limit after call ${call + 1}`);
    // Time for a background top-up to land, as between an agent's calls.
    await sleep(100);
  }
  assert.equal(spent, 20);
  assert.equal(await committed(budget._id), 20);
  // Slices of 2 cents (a tenth of the limit), each fetched while two calls' worth was left: only the very
  // first call waited for the database.
  assert.equal(waited, 1);
  await releaseAll();
  assert.equal(await committed(budget._id), 20, "nothing was left to give back");
});

test("an unused rest goes back at release", async () => {
  const budget = await createBudget(alice, { name: "returned", limitCents: 1_000 });
  const id = budget._id.toString();
  assert.equal(await reserve(id, 3), "reserved");
  assert.equal(await committed(budget._id), 100); // a slice: a tenth of the limit
  await releaseAll();
  assert.equal(await committed(budget._id), 3);
});
