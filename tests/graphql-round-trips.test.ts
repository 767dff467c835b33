// Database round trips of the GraphQL lists: the same at 10 items as at 1,000 (relations are batched
// per request), counted with the driver's command monitoring on the real database.
import "@/tests/helpers/test-env";
import { countCommands, type TCommandCount } from "@/tests/helpers/command-counter";
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { useTestDatabase } from "@/tests/helpers/database";
import { connectDb } from "@/lib/db/connection";
import { apolloServer } from "@/graphql/server";
import { createContext } from "@/graphql/context";
import { createUser } from "@/lib/services/users/users.service";
import { seedBuiltinTools } from "@/lib/services/tools/tools.service";
import { createCredential, type TCredentialRecord } from "@/lib/services/credentials/credentials.service";
import { Budget } from "@/models/budget";
import { OwnerList } from "@/models/owner-list";
import { ownerListKey } from "@/lib/services/owner-lists/owner-lists";
import { Binding, bindingId } from "@/models/binding";
import { BudgetKey } from "@/models/budget-key";
import type { TActor } from "@/lib/services/actor";

useTestDatabase();

const SIZES = [10, 1000] as const;
const owners = new Map<number, TActor>();

/** An owner with `size` credentials and `size` budgets, each budget with a binding, a key and a warning. */
async function ownerWith(size: number): Promise<TActor> {
  const user = await createUser({ email: `owner-${size}@example.com`, password: "a long test passphrase" });
  const actor: TActor = { kind: "user", userId: user._id.toString() };
  const credential = (i: number) =>
    createCredential(actor, {
      toolSlug: "openai-chat",
      name: `key ${i}`,
      fields: [{ key: "apiKey", value: `sk-roundtrips${String(i).padStart(12, "0")}` }, { key: "organization", value: "org-x" }],
    });
  // The first one alone: it creates the owner's data key (FerretDB reports racing creations oddly).
  const credentials: TCredentialRecord[] = [await credential(0)];
  for (let i = 1; i < size; i += 50) {
    credentials.push(...(await Promise.all(Array.from({ length: Math.min(50, size - i) }, (_, j) => credential(i + j)))));
  }
  // Budgets with a bound tool and one that needs a credential and has none (a warning).
  const budgets = await Budget.insertMany(
    credentials.map((_, i) => ({ ownerId: user._id, name: `budget ${i}`, toolSlugs: ["openai-chat", "tomorrow-weather", "open-meteo"] })),
  );
  // Written in bulk past the service, so listed here as the service (or the start-up rebuild) would.
  await OwnerList.updateOne({ _id: ownerListKey.budgets(user._id) }, { $addToSet: { ids: { $each: budgets.map((b) => b._id) } } }, { upsert: true });
  await Binding.insertMany(
    budgets.map((b, i) => ({ _id: bindingId(b._id.toString(), "openai-chat"), ownerId: user._id, budgetId: b._id, toolSlug: "openai-chat", credentialId: credentials[i]!._id })),
  );
  await BudgetKey.insertMany(
    budgets.map((b, i) => ({ _id: `hash-${size}-${i}`, keyId: `bk_${size}_${i}`, ownerId: user._id, budgetId: b._id, name: "agent", prefix: "vl_live_x" })),
  );
  return actor;
}

async function run(actor: TActor, query: string): Promise<Record<string, unknown[]>> {
  const response = await apolloServer().executeOperation({ query }, { contextValue: createContext(actor) });
  assert.equal(response.body.kind, "single");
  const { data, errors } = (response.body as { singleResult: { data?: Record<string, unknown[]>; errors?: unknown[] } }).singleResult;
  assert.equal(errors, undefined, JSON.stringify(errors));
  return data!;
}

/** Round trips of one query at each size, after checking that it lists every item. */
async function roundTrips(query: string, root: string): Promise<Map<number, TCommandCount>> {
  const counts = new Map<number, TCommandCount>();
  for (const size of SIZES) {
    let data: Record<string, unknown[]> = {};
    counts.set(size, await countCommands(async () => (data = await run(owners.get(size)!, query))));
    assert.ok(counts.get(size)!.total > 0, "commands are seen");
    assert.equal(data[root]!.length, size);
  }
  console.log(`# ${query}\n#   ${SIZES.map((s) => `${s}: ${JSON.stringify(counts.get(s))}`).join("\n#   ")}`);
  return counts;
}

/** Queries (getMore aside: a long answer comes in several batches, which is not a query per item). */
function queries(count: TCommandCount): number {
  return count.total - (count.byName.getMore ?? 0);
}

before(async () => {
  await connectDb();
  await seedBuiltinTools();
  for (const size of SIZES) owners.set(size, await ownerWith(size));
});

describe("database round trips do not grow with the list", () => {
  for (const [name, query, root] of [
    ["credentials with masked fields", "{ credentials { id name fields { key masked hint } } }", "credentials"],
    ["credentials with tool and budgets", "{ credentials { id tool { slug name } fields { key } budgets { id name } } }", "credentials"],
    ["budgets with bindings", "{ budgets { bindings { id } } }", "budgets"],
    [
      "budgets with every relation",
      "{ budgets { id tools { slug } bindings { id budget { id } tool { slug } credential { id name fields { key } budgets { id } } } keys { id } warnings { tool { slug } budget { id } } } }",
      "budgets",
    ],
    ["warnings with budget and tool", "{ warnings { setupUrl budget { id name } tool { slug } } }", "warnings"],
  ] as const) {
    test(name, async () => {
      const counts = await roundTrips(query, root);
      assert.equal(queries(counts.get(1000)!), queries(counts.get(10)!), "one query per relation, not one per item");
    });
  }
});

describe("connection pages cost the same round trips whatever the list's size", () => {
  for (const [name, query, root] of [
    ["a page of credentials with relations", "{ credentialConnection(first: 10) { totalCount nodes { id name fields { key masked hint } tool { slug } budgets { id name } } pageInfo { hasNextPage endCursor } } }", "credentialConnection"],
    ["a page of budgets with relations", "{ budgetConnection(first: 10) { totalCount nodes { id tools { slug } bindings { id credential { id } } keys { id } warnings { setupUrl } } pageInfo { hasNextPage } } }", "budgetConnection"],
  ] as const) {
    test(name, async () => {
      const counts = new Map<number, TCommandCount>();
      for (const size of SIZES) {
        let data: Record<string, any> = {};
        counts.set(size, await countCommands(async () => (data = (await run(owners.get(size)!, query)) as Record<string, any>)));
        assert.equal(data[root].totalCount, size);
        assert.equal(data[root].nodes.length, Math.min(size, 10));
      }
      console.log(`# ${query}\n#   ${SIZES.map((s) => `${s}: ${JSON.stringify(counts.get(s))}`).join("\n#   ")}`);
      assert.equal(queries(counts.get(1000)!), queries(counts.get(10)!), "a constant number of queries per page");
    });
  }
});

