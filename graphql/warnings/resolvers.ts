import type { Resolvers } from "@/graphql/generated/resolvers-types";
import { listWarnings } from "@/lib/services/warnings/warnings.service";
import { getBudget } from "@/lib/services/budgets/budgets.service";
import { getTool } from "@/lib/services/tools/tools.service";

export const warningResolvers: Resolvers = {
  WarningKind: { MISSING_CREDENTIAL: "missing_credential" },
  Query: {
    warnings: (_, __, { actor }) => listWarnings(actor),
  },
  Warning: {
    budget: (w, _, { actor }) => getBudget(actor, w.budgetId.toString()),
    tool: (w, _, { actor }) => getTool(actor, w.toolSlug),
  },
};
