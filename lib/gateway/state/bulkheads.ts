// Bulkheads: one hanging vendor endpoint must not starve the other tools and owners that share its host.
// Each tool has its own socket pools and a limit on its vendor calls in flight, and so has each budget
// (across its tools); a call past a limit is refused at once with 503 `tool_busy` or `budget_busy` (and
// Retry-After), before it is charged. Before this, every tool shared one pool of 256 sockets per host:
// a hanging endpoint filled it and a healthy tool on the same host waited ~10 s p50.
//
// The limits hold per gateway process (each copy has its own), in memory, with no database access.
import http from "node:http";
import https from "node:https";
import { env } from "@/lib/env";
import { InvokeError } from "@/lib/services/errors";
import { gauge } from "@/lib/gateway/metrics";

/** A tool's own keep-alive pools: its sockets are never another tool's. */
export type TSocketPools = { "http:": http.Agent; "https:": https.Agent };

type TToolLane = { inFlight: number; pools: TSocketPools };

/** What a call holds while it is at the vendor; give it back with `leave` exactly once. */
export type TLanePass = { tool: TToolLane; budgetId: string };

type State = { tools: Map<string, TToolLane>; budgets: Map<string, number> };
const slot = Symbol.for("vaultline.bulkheads");
const state: State = ((globalThis as Record<symbol, State>)[slot] ??= { tools: new Map(), budgets: new Map() });

let limits: { tool: number; budget: number } | undefined;

function configured(): { tool: number; budget: number } {
  limits ??= { tool: env().VAULTLINE_TOOL_CONCURRENCY, budget: env().VAULTLINE_BUDGET_CONCURRENCY };
  return limits;
}

function laneOf(toolKey: string, maxSockets: number): TToolLane {
  let lane = state.tools.get(toolKey);
  if (!lane) {
    // As many sockets as calls may be in flight: a call that got past the limit never queues for one.
    lane = {
      inFlight: 0,
      pools: { "http:": new http.Agent({ keepAlive: true, maxSockets }), "https:": new https.Agent({ keepAlive: true, maxSockets }) },
    };
    state.tools.set(toolKey, lane);
  }
  return lane;
}

/**
 * Takes a place for one vendor call of `toolKey` (the tool's record id: tools are per owner) paid by
 * `budgetId`, or throws `tool_busy` / `budget_busy` (503) when either already has its limit in flight.
 */
export function enter(toolKey: string, budgetId: string): TLanePass {
  const { tool: toolLimit, budget: budgetLimit } = configured();
  const tool = laneOf(toolKey, toolLimit);
  if (tool.inFlight >= toolLimit) {
    throw new InvokeError("tool_busy", 503, `This tool already has ${toolLimit} calls waiting for its vendor; retry after Retry-After seconds.`);
  }
  const budgetInFlight = state.budgets.get(budgetId) ?? 0;
  if (budgetInFlight >= budgetLimit) {
    throw new InvokeError("budget_busy", 503, `This budget already has ${budgetLimit} calls waiting for vendors; retry after Retry-After seconds.`, { budgetId });
  }
  tool.inFlight += 1;
  state.budgets.set(budgetId, budgetInFlight + 1);
  return { tool, budgetId };
}

/** Gives the place back (the vendor answered, failed or timed out, or the call was refused on the way). */
export function leave(pass: TLanePass): void {
  pass.tool.inFlight -= 1;
  const left = (state.budgets.get(pass.budgetId) ?? 1) - 1;
  // Budgets come and go; an idle one keeps no entry.
  if (left <= 0) state.budgets.delete(pass.budgetId);
  else state.budgets.set(pass.budgetId, left);
}

gauge("vaultline_vendor_calls_in_flight", "Vendor calls in flight in this gateway process.", () => {
  let n = 0;
  for (const lane of state.tools.values()) n += lane.inFlight;
  return n;
});
