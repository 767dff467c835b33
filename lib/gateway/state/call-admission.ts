// Which rate limits apply to a key's calls, and the one check before a call is charged: the key's limit,
// then its budget's (rate-limits.ts counts them).
import { env } from "@/lib/env";
import { admit } from "@/lib/gateway/state/rate-limits";
import { rateLimited } from "@/lib/services/invoke/guardrail-errors";
import type { InvokeError } from "@/lib/services/errors";

/** Calls per minute; 0: no limit. */
export type TRateLimits = { key: number; budget: number };

type TLimitFields = { rateLimitPerMinute?: number | null; keyRateLimitPerMinute?: number | null };

/** A key's own limit, else its budget's limit for each key, else the gateway's default; the budget's likewise. */
export function rateLimitsOf(budget: TLimitFields, key: { rateLimitPerMinute?: number | null }): TRateLimits {
  const config = env();
  return {
    key: key.rateLimitPerMinute ?? budget.keyRateLimitPerMinute ?? config.VAULTLINE_RATE_LIMIT_KEY_PER_MINUTE,
    budget: budget.rateLimitPerMinute ?? config.VAULTLINE_RATE_LIMIT_BUDGET_PER_MINUTE,
  };
}

export function admitCall(actor: { keyId: string; budgetId: string }, limits: TRateLimits, done: (refusal: InvokeError | null) => void): void {
  admit(`k${actor.keyId}`, limits.key, (keyWait) => {
    if (keyWait) return done(rateLimited("key", limits.key, keyWait));
    admit(`b${actor.budgetId}`, limits.budget, (budgetWait) => done(budgetWait ? rateLimited("budget", limits.budget, budgetWait) : null));
  });
}
