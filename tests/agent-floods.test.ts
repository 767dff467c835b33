// Floods of made-up slugs and unknown keys cost the gateway almost nothing and write nothing to the
// database: counted with the driver's command monitoring, in-process, on the real database.
import "@/tests/helpers/test-env";
import { countCommands } from "@/tests/helpers/command-counter";
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { useTestDatabase } from "@/tests/helpers/database";
import { connectDb } from "@/lib/db/connection";
import { createUser } from "@/lib/services/users/users.service";
import { createTool } from "@/lib/services/tools/tools.service";
import { addToolToBudget, createBudget } from "@/lib/services/budgets/budgets.service";
import { createBudgetKey } from "@/lib/services/budget-keys/budget-keys.service";
import { callAgentTool, type TCallOutcome } from "@/lib/gateway/with-budget-key";
import { flushUsage } from "@/lib/gateway/state/usage-recorder";
import type { TActor } from "@/lib/services/actor";

useTestDatabase();

let key: string;

const call = (bearer: string, slug: string) => new Promise<TCallOutcome>((resolve) => callAgentTool(`Bearer ${bearer}`, slug, { input: {} }, resolve));
const WRITES = ["insert", "update", "delete", "findAndModify"];

before(async () => {
  await connectDb();
  const user = await createUser({ email: "flood@example.com", password: "a long test passphrase" });
  const actor: TActor = { kind: "user", userId: user._id.toString() };
  await createTool(actor, { slug: "flood-echo", name: "Echo", endpoint: { method: "POST", url: "https://example.com/echo" }, costCents: 0, credentialFields: [], injection: [] });
  const budget = await createBudget(actor, { name: "flood" });
  await addToolToBudget(actor, budget._id.toString(), "flood-echo");
  ({ key } = await createBudgetKey(actor, budget._id.toString(), "flood agent"));
});

test("500 calls with made-up 8 KB slugs: refused tool_not_allowed, no usage record, no database command once the key is known", async () => {
  const first = await call(key, "x".repeat(8_000)); // loads the key's budget (cached like the plans)
  assert.equal(first.error?.error.code, "tool_not_allowed");
  await flushUsage();
  const counted = await countCommands(async () => {
    const answers = await Promise.all(Array.from({ length: 500 }, () => call(key, randomBytes(4_000).toString("hex"))));
    assert.ok(answers.every((a) => a.status === 403 && a.error?.error.code === "tool_not_allowed"));
    await flushUsage();
  });
  assert.equal(counted.total, 0, `commands sent: ${JSON.stringify(counted.byName)}`);
});

test("a flood of unknown keys: refused unauthorized, nothing written; the same bad key costs one lookup", async () => {
  const bad = `vl_live_${randomBytes(32).toString("hex")}`;
  const same = await countCommands(async () => {
    const answers = await Promise.all(Array.from({ length: 300 }, () => call(bad, "flood-echo")));
    assert.ok(answers.every((a) => a.status === 401 && a.error?.error.code === "unauthorized"));
    await flushUsage();
  });
  assert.ok(same.total <= 1, `one lookup at most for one bad key: ${JSON.stringify(same.byName)}`);
  const many = await countCommands(async () => {
    const answers = await Promise.all(Array.from({ length: 300 }, () => call(`vl_live_${randomBytes(32).toString("hex")}`, "flood-echo")));
    assert.ok(answers.every((a) => a.status === 401));
    await flushUsage();
  });
  assert.equal(WRITES.reduce((n, name) => n + (many.byName[name] ?? 0), 0), 0, `no write for unknown keys: ${JSON.stringify(many.byName)}`);
  assert.ok(many.total <= 300, `at most one _id lookup per distinct key: ${JSON.stringify(many.byName)}`);
});
