// What the tool form sends, for creating and for changing a tool: the definition (rows of fields and
// rules, nested) as one JSON entry, and the cost as the person typed it, in dollars.
import { z } from "zod";
import { centsFromDollars } from "@/lib/services/budgets/money";

export const ZToolForm = z.object({
  // A fixed message when it is not JSON: the parser's own would quote the text.
  definition: z.string().transform((text, ctx): Record<string, unknown> => {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: "is not a JSON tool definition" });
    return z.NEVER;
  }),
  cost: z.string().default(""),
});

/** The definition with its cost in cents (a ValidationError on costCents for an amount that is not one). */
export function definitionWithCost({ definition, cost }: z.output<typeof ZToolForm>): Record<string, unknown> {
  return { ...definition, costCents: centsFromDollars(cost, "costCents") ?? 0 };
}
