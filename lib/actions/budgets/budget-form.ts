// The entries the budget forms send (BudgetFields): a name and a limit in dollars as typed.
import { z } from "zod";

export const ZBudgetFormEntries = z.object({ name: z.string(), limit: z.string() });
