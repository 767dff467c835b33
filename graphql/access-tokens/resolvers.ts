import type { Resolvers } from "@/graphql/generated/resolvers-types";
import { createAccessToken, listAccessTokens, revokeAccessToken } from "@/lib/services/tokens/access-tokens.service";

export const accessTokenResolvers: Resolvers = {
  Query: {
    accessTokens: (_, __, { actor }) => listAccessTokens(actor),
  },
  Mutation: {
    createAccessToken: (_, { name }, { actor }) => createAccessToken(actor, name),
    revokeAccessToken: (_, { id }, { actor }) => revokeAccessToken(actor, id),
  },
  AccessToken: {
    id: (t) => t.tokenId,
    lastUsedAt: (t) => t.lastUsedAt ?? null,
    revokedAt: (t) => t.revokedAt ?? null,
  },
};
