import type { Resolvers } from "@/graphql/generated/resolvers-types";
import {
  credentialFieldViews,
  deleteCredential,
  getCredential,
  listCredentials,
  updateCredential,
} from "@/lib/services/credentials/credentials.service";
import { bindingsOfCredential, createCredentialForBudget } from "@/lib/services/bindings/bindings.service";
import { getBudget } from "@/lib/services/budgets/budgets.service";
import { getTool } from "@/lib/services/tools/tools.service";
import { withoutNulls } from "@/graphql/tools/resolvers";

export const credentialResolvers: Resolvers = {
  Query: {
    credentials: (_, { toolSlug }, { actor }) => listCredentials(actor, toolSlug),
    credential: (_, { id }, { actor }) => getCredential(actor, id),
  },
  Mutation: {
    createCredential: async (_, { input: { budgetId, ...input } }, { actor }) =>
      (await createCredentialForBudget(actor, input, budgetId)).credential,
    updateCredential: (_, { id, input }, { actor }) => updateCredential(actor, id, withoutNulls(input)),
    deleteCredential: (_, { id }, { actor }) => deleteCredential(actor, id),
  },
  Credential: {
    id: (c) => c._id.toString(),
    tool: (c, _, { actor }) => getTool(actor, c.toolSlug),
    // The public shape: secrets leave only as { masked: true, hint }.
    fields: async (c, _, { actor }) => credentialFieldViews(c, await getTool(actor, c.toolSlug)),
    budgets: async (c, _, { actor }) => {
      const bindings = await bindingsOfCredential(actor, c._id);
      return Promise.all(bindings.map((b) => getBudget(actor, b.budgetId.toString())));
    },
  },
};
