import type { Resolvers } from "@/graphql/generated/resolvers-types";
import { listAuditEntries, publicEntry } from "@/lib/services/audit/audit.service";

export const auditResolvers: Resolvers = {
  Query: {
    auditTrail: async (_, args, { actor }) => {
      const page = await listAuditEntries(actor, args);
      return {
        nodes: page.entries.map((entry) => {
          const view = publicEntry(entry);
          return { ...view, at: entry.at, details: view.details === null ? null : JSON.stringify(view.details) };
        }),
        pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
      };
    },
  },
};
