import type { Resolvers } from "@/graphql/generated/resolvers-types";
import { bindCredential, unbindCredential } from "@/lib/services/bindings/bindings.service";
import { found } from "@/graphql/loaders";

export const bindingResolvers: Resolvers = {
  Mutation: {
    bindCredential: (_, { input }, { actor }) => bindCredential(actor, input),
    unbindCredential: (_, { budgetId, toolSlug }, { actor }) => unbindCredential(actor, budgetId, toolSlug),
  },
  Binding: {
    id: (b) => b._id,
    budget: async (b, _, { loaders }) => found(await loaders.budget.load(b.budgetId.toString()), "Budget"),
    tool: async (b, _, { loaders }) => found(await loaders.tool.load(b.toolSlug), "Tool"),
    credential: async (b, _, { loaders }) => found(await loaders.credential.load(b.credentialId.toString()), "Credential"),
  },
};
