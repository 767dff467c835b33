import type { Resolvers } from "@/graphql/generated/resolvers-types";
import { createIntegration, getIntegration, listIntegrations } from "@/lib/services/integrations/integrations.service";
import { listToolsOfIntegration } from "@/lib/services/tools/tools.service";
import { credentialFieldDefinitions, withoutNulls } from "@/graphql/tools/resolvers";

export const integrationResolvers: Resolvers = {
  AuthKind: { NONE: "none", STATIC: "static", OAUTH2: "oauth2" },
  OAuthGrant: { CLIENT_CREDENTIALS: "client_credentials", AUTHORIZATION_CODE: "authorization_code" },
  Query: {
    integrations: (_, __, { actor }) => listIntegrations(actor),
    integration: (_, { slug }, { actor }) => getIntegration(actor, slug),
  },
  Mutation: {
    createIntegration: (_, { input }, { actor }) => createIntegration(actor, withoutNulls(input)),
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
