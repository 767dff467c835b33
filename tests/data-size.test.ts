// Lists as data grows, against the real database: a page of budgets or credentials, and a budget read by
// id, send the same number of database commands for an owner with a few items as for one with many
// (lib/services/owner-lists: no query filters a collection by owner), each owner sees only their own, and
// walking a list by cursors gives every item exactly once. No timings: `npm run bench:data` prices them.
import "@/tests/helpers/test-env";
import { countCommands } from "@/tests/helpers/command-counter";
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { Types } from "mongoose";
import { useTestDatabase } from "@/tests/helpers/database";
import { connectDb } from "@/lib/db/connection";
import type { TActor } from "@/lib/services/actor";
import { seedBuiltinTools } from "@/lib/services/tools/tools.service";
import { createBudget, getBudget, listBudgetsPage } from "@/lib/services/budgets/budgets.service";
import { createCredential, deleteCredential, listCredentialsPage } from "@/lib/services/credentials/credentials.service";
import type { TPage } from "@/lib/services/paging";
import { OwnerList } from "@/models/owner-list";
import { ownerListKey } from "@/lib/services/owner-lists/owner-lists";

useTestDatabase();

const small: TActor = { kind: "user", userId: new Types.ObjectId().toString() };
const large: TActor = { kind: "user", userId: new Types.ObjectId().toString() };
const SCALE = { small: { budgets: 50, credentials: 50 }, large: { budgets: 100, credentials: 300 } };
const PAGE = 20;

async function seed(actor: TActor, scale: { budgets: number; credentials: number }, tag: string): Promise<void> {
  for (let i = 0; i < scale.budgets; i++) await createBudget(actor, { name: `${tag} budget ${i}` });
  const credentials = Array.from({ length: scale.credentials }, (_, i) => i);
  // A few at a time, as several people saving at once would.
  for (let i = 0; i < credentials.length; i += 10) {
    await Promise.all(credentials.slice(i, i + 10).map((n) =>
      createCredential(actor, { toolSlug: n % 2 ? "openai-chat" : "tomorrow-weather", name: `${tag} credential ${n}`, fields: [{ key: "apiKey", value: n % 2 ? `sk-canary${tag}${n}`.padEnd(30, "0") : `Canary${tag}Key${n}`.padEnd(32, "a") }] })));
  }
}

before(async () => {
  await connectDb();
  await seedBuiltinTools();
  await Promise.all([seed(small, SCALE.small, "small"), seed(large, SCALE.large, "large")]);
});

async function walk<T extends { name: string }>(read: (after: string | null) => Promise<TPage<T>>): Promise<{ names: string[]; totalCount: number }> {
  const names: string[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    const page: TPage<T> = await read(after);
    names.push(...page.items.map((item) => item.name));
    totalCount = page.totalCount;
    if (!page.hasNextPage) return { names, totalCount };
    after = page.cursors.at(-1)!;
  }
}

test("every page lists each of the owner's items exactly once across cursors, and only theirs", async () => {
  for (const [actor, tag, scale] of [[small, "small", SCALE.small], [large, "large", SCALE.large]] as const) {
    const budgets = await walk((after) => listBudgetsPage(actor, { first: PAGE, after }));
    assert.equal(new Set(budgets.names).size, scale.budgets, `${tag}: each budget once`);
    assert.equal(budgets.names.length, scale.budgets);
    assert.equal(budgets.totalCount, scale.budgets);
    assert.ok(budgets.names.every((name) => name.startsWith(`${tag} `)), `${tag} sees only their budgets`);
    assert.deepEqual(budgets.names, Array.from({ length: scale.budgets }, (_, i) => `${tag} budget ${i}`), "oldest first");

    const credentials = await walk((after) => listCredentialsPage(actor, { first: PAGE, after }));
    assert.equal(new Set(credentials.names).size, scale.credentials, `${tag}: each credential once`);
    assert.equal(credentials.names.length, scale.credentials);
    assert.equal(credentials.totalCount, scale.credentials);
    assert.ok(credentials.names.every((name) => name.startsWith(`${tag} `)), `${tag} sees only their credentials`);

    const openai = await walk((after) => listCredentialsPage(actor, { first: PAGE, after, toolSlug: "openai-chat" }));
    assert.equal(openai.names.length, Math.floor(scale.credentials / 2), `${tag}: one integration's credentials`);
    assert.equal(new Set(openai.names).size, openai.names.length);
  }
});

test("a page costs as many database commands for an owner with 300 credentials as for one with 50", async () => {
  const costs = async (actor: TActor) => {
    const first = await listBudgetsPage(actor, { first: PAGE });
    const second = await countCommands(() => listBudgetsPage(actor, { first: PAGE, after: first.cursors.at(-1)! }));
    const firstCredentials = await listCredentialsPage(actor, { first: PAGE });
    return {
      budgets: (await countCommands(() => listBudgetsPage(actor, { first: PAGE }))).total,
      budgetsAfter: second.total,
      credentials: (await countCommands(() => listCredentialsPage(actor, { first: PAGE }))).total,
      credentialsAfter: (await countCommands(() => listCredentialsPage(actor, { first: PAGE, after: firstCredentials.cursors.at(-1)! }))).total,
      ofTool: (await countCommands(() => listCredentialsPage(actor, { first: PAGE, toolSlug: "openai-chat" }))).total,
      budget: (await countCommands(() => getBudget(actor, first.items[3]!._id.toString()))).total,
    };
  };
  const [few, many] = [await costs(small), await costs(large)];
  assert.deepEqual(many, few);
  // One read of the list and one `_id` lookup per item; no count.
  assert.equal(few.budgets, 1 + PAGE);
  assert.equal(few.budget, 1);
});

test("a listed id whose document is gone is skipped, and pruned once older than a minute", async () => {
  const ownerId = new Types.ObjectId((large as { userId: string }).userId);
  const key = ownerListKey.credentials(ownerId);
  const stale = new Types.ObjectId(Math.floor(Date.now() / 1000) - 3600); // listed an hour ago, never written
  const inFlight = new Types.ObjectId(); // listed just now: an insert may still be on its way
  await OwnerList.updateOne({ _id: key }, { $addToSet: { ids: { $each: [stale, inFlight] } } });

  const page = await listCredentialsPage(large, { first: PAGE });
  assert.equal(page.items.length, PAGE, "the page is filled past the missing ids");
  const all = await walk((cursor) => listCredentialsPage(large, { first: PAGE, after: cursor }));
  assert.equal(all.names.length, SCALE.large.credentials, "each present credential once, the missing ones skipped");
  const ids = (await OwnerList.findById(key).lean())!.ids.map(String);
  assert.equal(ids.includes(stale.toString()), false, "the stale id is pruned");
  assert.equal(ids.includes(inFlight.toString()), true, "the young one stays");

  // A deleted credential leaves every list it was in.
  const [deleted] = page.items;
  await deleteCredential(large, deleted!._id.toString());
  const after = await walk((cursor) => listCredentialsPage(large, { first: PAGE, after: cursor }));
  assert.equal(after.names.includes(deleted!.name), false);
  assert.equal(after.names.length, SCALE.large.credentials - 1);
});

test("another owner's id is not found, read by `_id` alone", async () => {
  const theirs = (await listBudgetsPage(large, { first: 1 })).items[0]!;
  await assert.rejects(getBudget(small, theirs._id.toString()), { code: "not_found" });
});
