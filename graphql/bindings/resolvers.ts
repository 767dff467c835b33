import type { Resolvers } from "@/graphql/generated/resolvers-types";
import { bindCredential, unbindCredential, unbindIntegration } from "@/lib/services/bindings/bindings.service";
import { found } from "@/graphql/loaders";
import { withoutNulls } from "@/graphql/tools/resolvers";

export const bindingResolvers: Resolvers = {
  Mutation: {
    bindCredential: (_, { input }, { actor }) => bindCredential(actor, withoutNulls(input)),
    unbindCredential: (_, { budgetId, toolSlug }, { actor }) => unbindCredential(actor, budgetId, toolSlug),
    unbindIntegration: (_, { budgetId, integrationSlug }, { actor }) => unbindIntegration(actor, budgetId, integrationSlug),
  },
  Binding: {
    id: (b) => b._id,
    budget: async (b, _, { loaders }) => found(await loaders.budget.load(b.budgetId.toString()), "Budget"),
    tool: async (b, _, { loaders }) => (b.toolSlug ? found(await loaders.tool.load(b.toolSlug), "Tool") : null),
    integration: async (b, _, { loaders }) => (b.integrationSlug ? found(await loaders.integration.load(b.integrationSlug), "Integration") : null),
    credential: async (b, _, { loaders }) => found(await loaders.credential.load(b.credentialId.toString()), "Credential"),
  },
};
