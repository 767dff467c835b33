"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/lib/actions/run-action";
import { updateBudget } from "@/lib/services/budgets/budgets.service";
import { centsFromDollars } from "@/lib/services/budgets/money";
import { ValidationError } from "@/lib/services/errors";

const ZGuardrailsForm = z.object({
  budgetId: z.string(),
  day: z.string(),
  week: z.string(),
  month: z.string(),
  perCall: z.string(),
  timeZone: z.string(),
  budgetRate: z.string(),
  keyRate: z.string(),
});

/** A whole number of calls per minute as typed; empty: the server's default. */
function perMinute(text: string, field: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (!/^\d{1,8}$/.test(trimmed)) throw new ValidationError("The rate limit is invalid.", { [field]: ["must be a whole number of calls per minute (0: no limit)"] });
  return Number(trimmed);
}

/** Sets a budget's spend caps (dollars; empty removes one), its time zone and its rate limits. */
export async function updateBudgetGuardrailsAction(_previous: unknown, form: FormData): Promise<TActionResult> {
  return runAction(form, ZGuardrailsForm, async (actor, entries) => {
    await updateBudget(actor, entries.budgetId, {
      dayLimitCents: centsFromDollars(entries.day, "dayLimitCents"),
      weekLimitCents: centsFromDollars(entries.week, "weekLimitCents"),
      monthLimitCents: centsFromDollars(entries.month, "monthLimitCents"),
      perCallLimitCents: centsFromDollars(entries.perCall, "perCallLimitCents"),
      timeZone: entries.timeZone.trim() || "UTC",
      rateLimitPerMinute: perMinute(entries.budgetRate, "rateLimitPerMinute"),
      keyRateLimitPerMinute: perMinute(entries.keyRate, "keyRateLimitPerMinute"),
    });
    revalidatePath(`/budgets/${entries.budgetId}`);
    return {};
  });
}
