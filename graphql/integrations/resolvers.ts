import type { Resolvers } from "@/graphql/generated/resolvers-types";
import { createIntegration, getIntegration, listIntegrations } from "@/lib/services/integrations/integrations.service";
import { listToolsOfIntegration } from "@/lib/services/tools/tools.service";
import { configureOAuthClient, importOAuthTokens } from "@/lib/services/oauth/oauth.service";
import { bindCredential } from "@/lib/services/bindings/bindings.service";
import { found, orNull } from "@/graphql/loaders";
import { credentialFieldDefinitions, withoutNulls } from "@/graphql/tools/resolvers";

export const integrationResolvers: Resolvers = {
  AuthKind: { NONE: "none", STATIC: "static", OAUTH2: "oauth2" },
  OAuthGrant: { CLIENT_CREDENTIALS: "client_credentials", AUTHORIZATION_CODE: "authorization_code" },
  Query: {
    integrations: (_, __, { actor }) => listIntegrations(actor),
    integration: (_, { slug }, { actor }) => orNull(getIntegration(actor, slug)),
  },
  Mutation: {
    createIntegration: (_, { input }, { actor }) => createIntegration(actor, withoutNulls(input)),
    configureOAuthClient: (_, { input }, { actor }) => configureOAuthClient(actor, withoutNulls(input)),
    importOAuthTokens: async (_, { input: { budgetId, ...input } }, { actor }) => {
      const credential = await importOAuthTokens(actor, withoutNulls(input));
      if (budgetId) await bindCredential(actor, { budgetId, integrationSlug: credential.integrationSlug, credentialId: credential._id.toString() });
      return credential;
    },
  },
  OAuthClient: {
    integration: async (client, _, { loaders }) => found(await loaders.integrationById.load(client.integrationId), "Integration"),
    scopes: (client) => client.scopes ?? [],
    secretMasked: () => true,
  },
  OAuthSettings: {
    authorizeUrl: (oauth) => oauth.authorizeUrl ?? null,
    revocationUrl: (oauth) => oauth.revocationUrl ?? null,
    scopes: (oauth) => oauth.scopes ?? [],
  },
  Integration: {
    builtin: (integration) => !integration.ownerId,
    description: (integration) => integration.description ?? "",
    credentialFields: (integration) => credentialFieldDefinitions(integration.credentialFields),
    oauth: (integration) => integration.oauth ?? null,
    verify: (integration) => integration.verify ?? null,
    // An integration is listed on its own page or in a short list: one query each is fine.
    tools: (integration, _, { actor }) => listToolsOfIntegration(actor, integration._id),
  },
};
