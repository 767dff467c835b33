import type { Resolvers } from "@/graphql/generated/resolvers-types";

export const usageResolvers: Resolvers = {
  UsageConnection: {
    totalCount: (c) => c.totalCount(),
  },
  ToolUsageTotals: {
    tool: (t, _, { loaders }) => loaders.tool.load(t.toolSlug),
  },
  UsageRecord: {
    tool: (u, _, { loaders }) => loaders.tool.load(u.toolSlug),
    vendorStatus: (u) => u.vendorStatus ?? null,
    errorCode: (u) => u.errorCode ?? null,
  },
};
