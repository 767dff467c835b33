// The refusals of a budget's guardrails (spend windows, per-call cap, rate limits), in one place so that
// REST and MCP say the same, with when to try again.
import { InvokeError } from "@/lib/services/errors";
import type { TPeriod } from "@/lib/services/budgets/spend-periods";

const PERIOD_WORDS = { day: "daily", week: "weekly", month: "monthly" } as const;

/** A window's cap is reached: `budget_exceeded`, naming the window, with its reset time and Retry-After. */
export function windowExceeded(budgetId: string, period: TPeriod): InvokeError {
  const retryAfterSeconds = Math.max(1, Math.ceil((period.resetsAt.getTime() - Date.now()) / 1000));
  return new InvokeError("budget_exceeded", 402, `This budget's ${PERIOD_WORDS[period.kind]} spending cap is reached; it resets at ${period.resetsAt.toISOString()}.`, {
    budgetId,
    window: period.kind,
    resetsAt: period.resetsAt.toISOString(),
    retryAfterSeconds,
  });
}

/** The tool costs more than the budget allows for one call: refused before anything is reserved or sent. */
export function perCallRefusal(budget: { perCallLimitCents?: number | null }, costCents: number, budgetId: string): (() => InvokeError) | null {
  const cap = budget.perCallLimitCents;
  if (cap === null || cap === undefined || costCents <= cap) return null;
  return () => new InvokeError("budget_exceeded", 402, `This tool costs ${costCents} cents a call; the budget allows at most ${cap} per call.`, { budgetId, window: "call" });
}

/** Too many calls this minute for the key or the budget. */
export function rateLimited(scope: "key" | "budget", limit: number, retryAfterSeconds: number): InvokeError {
  return new InvokeError("rate_limited", 429, `Too many calls: this ${scope === "key" ? "budget key" : "budget"} allows ${limit} per minute; try again in ${retryAfterSeconds} s.`, {
    scope,
    limitPerMinute: limit,
    retryAfterSeconds,
  });
}
