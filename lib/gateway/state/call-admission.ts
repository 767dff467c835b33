// Which rate limits apply to a key's calls, and the one check before a call is charged: the key's limit,
// then its budget's (rate-limits.ts counts them).
import { env } from "@/lib/env";
import { admit } from "@/lib/gateway/state/rate-limits";
import { rateLimited } from "@/lib/services/invoke/guardrail-errors";
import type { InvokeError } from "@/lib/services/errors";

/** Calls per minute (0: no limit), and the scopes they are counted in (made once per plan, not per call). */
export type TRateLimits = { key: number; budget: number; keyScope: string; budgetScope: string };

type TLimitFields = { rateLimitPerMinute?: number | null; keyRateLimitPerMinute?: number | null };

/** A key's own limit, else its budget's limit for each key, else the gateway's default; the budget's likewise. */
export function rateLimitsOf(budget: TLimitFields & { _id: unknown }, key: { keyId: string; rateLimitPerMinute?: number | null }): TRateLimits {
  const config = env();
  return {
    key: key.rateLimitPerMinute ?? budget.keyRateLimitPerMinute ?? config.VAULTLINE_RATE_LIMIT_KEY_PER_MINUTE,
    budget: budget.rateLimitPerMinute ?? config.VAULTLINE_RATE_LIMIT_BUDGET_PER_MINUTE,
    keyScope: `k${key.keyId}`,
    budgetScope: `b${String(budget._id)}`,
  };
}

export function admitCall(limits: TRateLimits, done: (refusal: InvokeError | null) => void): void {
  admit(limits.keyScope, limits.key, (keyWait) => {
    if (keyWait) return done(rateLimited("key", limits.key, keyWait));
    admit(limits.budgetScope, limits.budget, (budgetWait) => done(budgetWait ? rateLimited("budget", limits.budget, budgetWait) : null));
  });
}
