// A service's page (lib/services/paging.ts) as a Relay connection: edges with cursors, nodes, pageInfo
// and totalCount. Pages go forward only (first/after).
import type { TPage } from "@/lib/services/paging";
import type { TUsageView } from "@/lib/services/usage/usage.service";

export type TConnection<T> = {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
};

export function connection<T>(page: TPage<T>): TConnection<T> {
  return {
    edges: page.items.map((node, i) => ({ cursor: page.cursors[i]!, node })),
    nodes: page.items,
    pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: false, startCursor: page.cursors[0] ?? null, endCursor: page.cursors.at(-1) ?? null },
    totalCount: page.totalCount,
  };
}

/** A page of calls before GraphQL shapes it: `totalCount` is read only when selected (it reads every day's roll-up). */
export type TUsageConnectionSource = Omit<TConnection<TUsageView>, "totalCount"> & { totalCount: () => Promise<number> };
