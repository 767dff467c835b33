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
import { verifyCredential, type TVerification } from "@/lib/services/credentials/verify-credential";
import { found, orNull } from "@/graphql/loaders";
import { connection } from "@/graphql/connections";

export const credentialResolvers: Resolvers = {
  Query: {
    credentials: async (_, { toolSlug, integrationSlug }, { actor, loaders }) => {
      const credentials = await listCredentials(actor, { toolSlug, integrationSlug });
      for (const c of credentials) loaders.credential.prime(c._id.toString(), c);
      return credentials;
    },
    credentialConnection: async (_, { first, after, toolSlug, integrationSlug }, { actor, loaders }) => {
      const page = await listCredentialsPage(actor, { first, after, toolSlug, integrationSlug });
      for (const c of page.items) loaders.credential.prime(c._id.toString(), c);
      return connection(page);
    },
    credential: (_, { id }, { actor }) => orNull(getCredential(actor, id)),
  },
  Mutation: {
    createCredential: async (_, { input: { budgetId, ...input } }, { actor }) => {
      const { credential } = await createCredentialForBudget(actor, withoutNulls(input), budgetId);
      return { ...credential, verification: await verifyCredential(actor, credential._id.toString()) };
    },
    verifyCredential: (_, { id }, { actor }) => verifyCredential(actor, id),
    // An explicit null expiry removes it (withoutNulls would read it as "not given").
    updateCredential: (_, { id, input }, { actor }) =>
      updateCredential(actor, id, { ...withoutNulls(input), ...(input.expiresAt === null ? { expiresAt: null } : {}) }),
    deleteCredential: (_, { id }, { actor }) => deleteCredential(actor, id),
  },
  VerificationOutcome: { ACCEPTED: "accepted", REJECTED: "rejected", UNREACHABLE: "unreachable", UNEXPECTED: "unexpected", NOT_CHECKED: "not_checked" },
  Credential: {
    verification: (c) => (c.verification ? { outcome: c.verification.outcome as TVerification["outcome"], status: c.verification.status ?? null, checkedAt: c.verification.checkedAt } : null),
    expiresAt: (c) => c.expiresAt ?? null,
    id: (c) => c._id.toString(),
    integration: async (c, _, { loaders }) => found(await loaders.integrationById.load(c.integrationId), "Integration"),
    tool: async (c, _, { loaders }) => (c.toolSlug ? await loaders.tool.load(c.toolSlug) : null),
    // The public shape: secrets leave only as { masked: true, hint }.
    fields: async (c, _, { loaders }) => credentialFieldViews(c, found(await loaders.integrationById.load(c.integrationId), "Integration")),
    budgets: async (c, _, { loaders }) => {
      const bindings = await loaders.bindingsOfCredential.load(c._id);
      const budgets = await Promise.all(bindings.map((b) => loaders.budget.load(b.budgetId.toString())));
      return budgets.filter((b) => b !== null);
    },
  },
};
