// The bulkheads themselves (no database): a tool's and a budget's limits of vendor calls in flight,
// their 503 codes, places given back, and each tool's own socket pools.
import { test } from "node:test";
import assert from "node:assert/strict";
import { enter, leave } from "@/lib/gateway/state/bulkheads";
import { InvokeError } from "@/lib/services/errors";

// Read on the first call to enter(), after this.
process.env.VAULTLINE_TOOL_CONCURRENCY = "3";
process.env.VAULTLINE_BUDGET_CONCURRENCY = "5";

function refusal(run: () => unknown): { code: string; status: number } {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InvokeError);
    return { code: error.code, status: error.status };
  }
  assert.fail("expected a refusal");
}

test("a tool at its limit is refused with 503 tool_busy; other tools and budgets still get in", () => {
  const hanging = [enter("owner-a:hang", "budget-1"), enter("owner-a:hang", "budget-1"), enter("owner-a:hang", "budget-2")];
  assert.deepEqual(refusal(() => enter("owner-a:hang", "budget-3")), { code: "tool_busy", status: 503 });
  // The same host's other tool, and another owner's tool of the same slug, are not touched.
  const healthy = enter("owner-a:echo", "budget-1");
  const othersTool = enter("owner-b:hang", "budget-9");
  assert.notEqual(healthy.tool.pools["http:"], hanging[0]!.tool.pools["http:"], "each tool has its own socket pool");
  assert.equal(hanging[0]!.tool.pools["http:"].maxSockets, 3, "as many sockets as calls may be in flight");

  leave(hanging[0]!);
  const again = enter("owner-a:hang", "budget-3");
  for (const pass of [...hanging.slice(1), healthy, othersTool, again]) leave(pass);
});

test("a budget at its limit across its tools is refused with 503 budget_busy, and recovers as calls end", () => {
  const passes = ["t1", "t1", "t2", "t2", "t3"].map((tool) => enter(`o:${tool}`, "busy-budget"));
  assert.deepEqual(refusal(() => enter("o:t4", "busy-budget")), { code: "budget_busy", status: 503 });
  // A refusal takes no place: the tool it named is still free.
  const elsewhere = [enter("o:t4", "calm-budget"), enter("o:t4", "calm-budget"), enter("o:t4", "calm-budget")];
  assert.equal(refusal(() => enter("o:t4", "calm-budget")).code, "tool_busy");
  leave(passes.pop()!);
  passes.push(enter("o:t3", "busy-budget"));
  for (const pass of [...passes, ...elsewhere]) leave(pass);
  // Everything given back: the full limits are available again.
  const refill = [1, 2, 3].map(() => enter("o:t1", "busy-budget"));
  for (const pass of refill) leave(pass);
});
