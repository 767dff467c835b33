import { CheckCircleIcon } from "@/components/ui/icons";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatCents } from "@/lib/services/budgets/money";
import { removeBudgetToolAction } from "@/lib/actions/budgets/remove-budget-tool";
import type { TCredentialOption } from "./bind-credential-form";
import { BoundCredentialPanel, MissingCredentialPanel } from "./tool-credential-panels";

/** A tool of the budget as its row shows it; `tool` is null when the tool no longer exists. */
export type TBudgetTool = {
  slug: string;
  tool: { name: string; description: string; costCents: number; needsCredentials: boolean } | null;
  /** Only this tool's credentials, by name and mask. */
  credentials: TCredentialOption[];
  boundId: string | null;
};

/** One tool of a budget: what it is and costs, its Remove button, and the state of its credential. */
export function BudgetToolRow({ budgetId, tool: { slug, tool, credentials, boundId } }: { budgetId: string; tool: TBudgetTool }) {
  const bound = boundId ? credentials.find((c) => c.id === boundId) : undefined;
  const name = tool?.name ?? slug;
  const target = { budgetId, toolSlug: slug, toolName: name, credentials };
  return (
    <li className="px-5 py-4">
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <h3 className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm font-semibold">
            {name}
            <code className="font-mono text-xs font-normal text-zinc-500 dark:text-zinc-400">{slug}</code>
          </h3>
          {tool?.description ? <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{tool.description}</p> : null}
          {tool ? <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{tool.costCents ? `${formatCents(tool.costCents)} per call` : "Free to call"}</p> : null}
        </div>
        <ConfirmDialog
          trigger={{ label: "Remove", ariaLabel: `Remove ${name}`, variant: "ghost", size: "sm" }}
          title={`Remove ${name}?`}
          description={
            <>
              Agents using this budget&apos;s keys can no longer call {name}.
              {boundId ? " The credential stays in your vault but is no longer bound to this budget." : null}
            </>
          }
          confirmLabel="Remove tool"
          pendingText="Removing…"
          action={removeBudgetToolAction}
          fields={{ budgetId, toolSlug: slug }}
          notice={`${name} removed from the budget.`}
        />
      </div>
      <div className="mt-3">
        {!tool ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">This tool no longer exists. Remove it from the budget.</p>
        ) : !tool.needsCredentials ? (
          <p className="inline-flex items-center gap-1.5 text-sm text-zinc-600 dark:text-zinc-400">
            <CheckCircleIcon className="h-4 w-4 text-emerald-600 dark:text-emerald-400" />
            No credential needed
          </p>
        ) : bound ? (
          <BoundCredentialPanel {...target} bound={bound} />
        ) : (
          <MissingCredentialPanel {...target} />
        )}
      </div>
    </li>
  );
}
