import type { Resolvers } from "@/graphql/generated/resolvers-types";
import { bindCredential, unbindCredential } from "@/lib/services/bindings/bindings.service";
import { getBudget } from "@/lib/services/budgets/budgets.service";
import { getCredential } from "@/lib/services/credentials/credentials.service";
import { getTool } from "@/lib/services/tools/tools.service";

export const bindingResolvers: Resolvers = {
  Mutation: {
    bindCredential: (_, { input }, { actor }) => bindCredential(actor, input),
    unbindCredential: (_, { budgetId, toolSlug }, { actor }) => unbindCredential(actor, budgetId, toolSlug),
  },
  Binding: {
    id: (b) => b._id,
    budget: (b, _, { actor }) => getBudget(actor, b.budgetId.toString()),
    tool: (b, _, { actor }) => getTool(actor, b.toolSlug),
    credential: (b, _, { actor }) => getCredential(actor, b.credentialId.toString()),
  },
};
