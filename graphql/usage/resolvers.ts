import type { Resolvers } from "@/graphql/generated/resolvers-types";

export const usageResolvers: Resolvers = {
  UsageConnection: {
    totalCount: (c) => c.totalCount(),
  },
  UsageRecord: {
    tool: (u) => u.toolSlug,
    vendorStatus: (u) => u.vendorStatus ?? null,
    errorCode: (u) => u.errorCode ?? null,
  },
};
