import { SpendPeriod, type Resolvers } from "@/graphql/generated/resolvers-types";
import { orNull } from "@/graphql/loaders";
import {
  addToolToBudget,
  createBudget,
  deleteBudget,
  getBudget,
  listBudgets,
  listBudgetsPage,
  removeToolFromBudget,
  updateBudget,
} from "@/lib/services/budgets/budgets.service";
import { spendWindowsOf } from "@/lib/services/budgets/spend-report";
import { createBudgetKey, revokeBudgetKey, updateBudgetKey } from "@/lib/services/budget-keys/budget-keys.service";
import { listRecentUsage, listUsage, usageSummary } from "@/lib/services/usage/usage.service";
import { connection } from "@/graphql/connections";
import { withoutNulls } from "@/graphql/tools/resolvers";

const PERIODS = { day: SpendPeriod.Day, week: SpendPeriod.Week, month: SpendPeriod.Month, lifetime: SpendPeriod.Lifetime } as const;

export const budgetResolvers: Resolvers = {
  Query: {
    budgets: async (_, __, { actor, loaders }) => {
      const budgets = await listBudgets(actor);
      for (const b of budgets) loaders.budget.prime(b._id.toString(), b);
      return budgets;
    },
    budgetConnection: async (_, { first, after }, { actor, loaders }) => {
      const page = await listBudgetsPage(actor, { first, after });
      for (const b of page.items) loaders.budget.prime(b._id.toString(), b);
      return connection(page);
    },
    budget: (_, { id }, { actor }) => orNull(getBudget(actor, id)),
  },
  Mutation: {
    createBudget: (_, { input }, { actor }) => createBudget(actor, withoutNulls(input)),
    // Absent fields are left alone; limitCents: null removes the limit (so nulls are not stripped here).
    updateBudget: (_, { id, input: { name, ...rest } }, { actor }) =>
      updateBudget(actor, id, name === null ? rest : { name, ...rest }),
    deleteBudget: (_, { id }, { actor }) => deleteBudget(actor, id),
    addToolToBudget: (_, { budgetId, toolSlug }, { actor }) => addToolToBudget(actor, budgetId, toolSlug),
    removeToolFromBudget: (_, { budgetId, toolSlug }, { actor }) => removeToolFromBudget(actor, budgetId, toolSlug),
    createBudgetKey: (_, { budgetId, name }, { actor }) => createBudgetKey(actor, budgetId, name),
    revokeBudgetKey: (_, { id }, { actor }) => revokeBudgetKey(actor, id),
    updateBudgetKey: async (_, { input: { id, ...rest } }, { actor }) => ({ budgetKey: await updateBudgetKey(actor, id, rest) }),
  },
  Budget: {
    id: (b) => b._id.toString(),
    limitCents: (b) => b.limitCents ?? null,
    spentCents: (b) => b.spentCents ?? 0,
    dayLimitCents: (b) => b.dayLimitCents ?? null,
    weekLimitCents: (b) => b.weekLimitCents ?? null,
    monthLimitCents: (b) => b.monthLimitCents ?? null,
    perCallLimitCents: (b) => b.perCallLimitCents ?? null,
    timeZone: (b) => b.timeZone || "UTC",
    rateLimitPerMinute: (b) => b.rateLimitPerMinute ?? null,
    keyRateLimitPerMinute: (b) => b.keyRateLimitPerMinute ?? null,
    spendWindows: async (b) => (await spendWindowsOf(b)).map((w) => ({ ...w, period: PERIODS[w.period] })),
    tools: async (b, _, { loaders }) => {
      const tools = await Promise.all(b.toolSlugs.map((slug) => loaders.tool.load(slug)));
      return tools.filter((t) => t !== null);
    },
    bindings: (b, _, { loaders }) => loaders.bindingsOfBudget.load(b),
    keys: (b, _, { loaders }) => loaders.keysOfBudget.load(b._id),
    warnings: (b, _, { loaders }) => loaders.warningsOfBudget.load(b._id),
    // One bounded query per budget: the newest calls of many budgets cannot be read in one query.
    usage: (b, { limit }, { actor }) => listRecentUsage(actor, b._id, limit ?? 20),
    calls: async (b, { first, after, from, to }, { actor }) => {
      const page = await listUsage(actor, b._id, { first, after, from, to });
      return {
        edges: page.edges,
        nodes: page.edges.map((e) => e.node),
        pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: false, startCursor: page.edges[0]?.cursor ?? null, endCursor: page.endCursor },
        // Read only when selected (UsageConnection.totalCount): it needs every day's roll-up of the range.
        totalCount: page.totalCount,
      };
    },
    usageSummary: async (b, { from, to }, { actor }) => {
      const summary = await usageSummary(actor, b._id, { from, to });
      return {
        from: summary.from,
        to: summary.to,
        totals: { calls: summary.calls, costCents: summary.costCents, errors: summary.errors },
        byTool: summary.byTool,
        byDay: summary.byDay,
      };
    },
  },
  BudgetKey: {
    id: (k) => k.keyId,
    lastUsedAt: (k) => k.lastUsedAt ?? null,
    revokedAt: (k) => k.revokedAt ?? null,
    rateLimitPerMinute: (k) => k.rateLimitPerMinute ?? null,
  },
};
