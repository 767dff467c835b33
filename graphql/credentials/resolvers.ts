import type { Resolvers } from "@/graphql/generated/resolvers-types";
import {
  credentialFieldViews,
  deleteCredential,
  getCredential,
  listCredentials,
  listCredentialsPage,
  updateCredential,
} from "@/lib/services/credentials/credentials.service";
import { createCredentialForBudget } from "@/lib/services/bindings/bindings.service";
import { withoutNulls } from "@/graphql/tools/resolvers";
import { found } from "@/graphql/loaders";
import { connection } from "@/graphql/connections";

export const credentialResolvers: Resolvers = {
  Query: {
    credentials: async (_, { toolSlug }, { actor, loaders }) => {
      const credentials = await listCredentials(actor, toolSlug);
      for (const c of credentials) loaders.credential.prime(c._id.toString(), c);
      return credentials;
    },
    credentialConnection: async (_, { first, after, toolSlug }, { actor, loaders }) => {
      const page = await listCredentialsPage(actor, { first, after, toolSlug });
      for (const c of page.items) loaders.credential.prime(c._id.toString(), c);
      return connection(page);
    },
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
    tool: async (c, _, { loaders }) => found(await loaders.tool.load(c.toolSlug), "Tool"),
    // The public shape: secrets leave only as { masked: true, hint }.
    fields: async (c, _, { loaders }) => credentialFieldViews(c, found(await loaders.tool.load(c.toolSlug), "Tool")),
    budgets: async (c, _, { loaders }) => {
      const bindings = await loaders.bindingsOfCredential.load(c._id);
      const budgets = await Promise.all(bindings.map((b) => loaders.budget.load(b.budgetId.toString())));
      return budgets.filter((b) => b !== null);
    },
  },
};
