// The home page's getting-started checklist: the product's flow (credential → budget → tool bound →
// key → first call), each step done or not from what the owner has, with where to do it. Reads only
// small per-owner collections (credentials, budgets, bindings, keys, tools).
import { requireUser, type TActor } from "@/lib/services/actor";
import { listBudgets, type TBudgetRecord } from "@/lib/services/budgets/budgets.service";
import { listCredentials } from "@/lib/services/credentials/credentials.service";
import { listOwnerBindings } from "@/lib/services/bindings/bindings.service";
import { listKeysOfBudgets } from "@/lib/services/budget-keys/budget-keys.service";
import { listTools, needsCredentials } from "@/lib/services/tools/tools.service";

export type TStepId = "credential" | "budget" | "tool" | "key" | "call";
export type TStep = { id: TStepId; done: boolean; href: string };

export type TGettingStarted = {
  steps: TStep[];
  /** Every step done: the home page shows the owner's activity instead. */
  complete: boolean;
  /** The budget the next steps are about (the first one with a ready tool, else the first), if any. */
  budget: TBudgetRecord | null;
  /** A tool of that budget an agent can call now, for the curl sample. */
  readyToolSlug: string | null;
};

export async function gettingStarted(actor: TActor): Promise<TGettingStarted> {
  requireUser(actor);
  const [credentials, budgets, bindings, tools] = await Promise.all([listCredentials(actor), listBudgets(actor), listOwnerBindings(actor), listTools(actor)]);
  const keys = await listKeysOfBudgets(actor, budgets.map((b) => b._id));
  // A tool is served by its own binding or by its integration's (the same keys as the bindings' _ids).
  const bound = new Set(bindings.map((b) => `${b.budgetId.toString()}:${b.toolSlug ?? `@${b.integrationSlug}`}`));
  const toolsBySlug = new Map(tools.map((t) => [t.slug, t]));
  const served = (budget: TBudgetRecord, slug: string) => {
    const tool = toolsBySlug.get(slug);
    if (!tool) return false;
    const id = budget._id.toString();
    return !needsCredentials(tool) || bound.has(`${id}:${slug}`) || bound.has(`${id}:@${tool.integration.slug}`);
  };
  const readyTool = (budget: TBudgetRecord) => budget.toolSlugs.find((slug) => served(budget, slug)) ?? null;

  const budget = budgets.find((b) => readyTool(b) !== null) ?? budgets[0] ?? null;
  const budgetPath = budget ? `/budgets/${budget._id.toString()}` : "/budgets";
  const activeKeys = keys.filter((k) => !k.revokedAt);
  const steps: TStep[] = [
    { id: "credential", done: credentials.length > 0, href: "/credentials/new" },
    { id: "budget", done: budgets.length > 0, href: "/budgets#new-budget" },
    { id: "tool", done: budget !== null && readyTool(budget) !== null, href: `${budgetPath}#tools` },
    { id: "key", done: activeKeys.length > 0, href: `${budgetPath}#keys` },
    { id: "call", done: keys.some((k) => k.lastUsedAt), href: `${budgetPath}#recent-calls` },
  ];
  return { steps, complete: steps.every((s) => s.done), budget, readyToolSlug: budget ? readyTool(budget) : null };
}
