import type { Resolvers } from "@/graphql/generated/resolvers-types";
import { listWarnings } from "@/lib/services/warnings/warnings.service";
import { found } from "@/graphql/loaders";

export const warningResolvers: Resolvers = {
  WarningKind: { MISSING_CREDENTIAL: "missing_credential", RECONNECT_REQUIRED: "reconnect_required", CREDENTIAL_REJECTED: "credential_rejected", CREDENTIAL_EXPIRING: "credential_expiring", CREDENTIAL_EXPIRED: "credential_expired" },
  Query: {
    warnings: (_, __, { actor }) => listWarnings(actor),
  },
  Warning: {
    budget: async (w, _, { loaders }) => found(await loaders.budget.load(w.budgetId.toString()), "Budget"),
    tool: async (w, _, { loaders }) => found(await loaders.tool.load(w.toolSlug), "Tool"),
    expiresAt: (w) => w.expiresAt ?? null,
  },
};
