// The entries of the forms that add a tool to a budget or remove it.
import { z } from "zod";

export const ZBudgetToolForm = z.object({ budgetId: z.string(), toolSlug: z.string() });
