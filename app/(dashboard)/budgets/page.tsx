import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/require-session";
import { listBudgetsPage } from "@/lib/services/budgets/budgets.service";
import { listWarnings } from "@/lib/services/warnings/warnings.service";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { CreateBudgetForm } from "@/components/budgets/create-budget-form";
import { SpendMeter } from "@/components/budgets/spend-meter";
import { WarningIcon, ChevronRightIcon } from "@/components/ui/icons";
import { Pager } from "@/components/ui/pager";
import { ValidationError } from "@/lib/services/errors";

const PAGE_SIZE = 50;

export const metadata: Metadata = { title: "Budgets" };

export default async function BudgetsPage({ searchParams }: { searchParams: Promise<{ after?: string | string[] }> }) {
  const actor = await requireSession();
  const after = (await searchParams).after;
  const firstPage = () => listBudgetsPage(actor, { first: PAGE_SIZE });
  const [page, warnings] = await Promise.all([
    // A stale or edited link shows the first page.
    (typeof after === "string" ? listBudgetsPage(actor, { first: PAGE_SIZE, after }) : firstPage()).catch((error: unknown) => {
      if (error instanceof ValidationError) return firstPage();
      throw error;
    }),
    listWarnings(actor),
  ]);
  const budgets = page.items;
  const missingByBudget = new Map<string, number>();
  for (const warning of warnings) {
    const id = warning.budgetId.toString();
    missingByBudget.set(id, (missingByBudget.get(id) ?? 0) + 1);
  }

  return (
    <>
      <PageHeader
        title="Budgets"
        description="A budget decides which tools your agents may call, with which credentials, and how much they may spend. Agents authenticate with the budget's keys."
        actions={
          <ButtonLink href="#new-budget" className="lg:hidden">
            New budget
          </ButtonLink>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0">
          {page.totalCount === 0 ? (
            <EmptyState
              title="No budgets yet"
              description="Create your first budget, add the tools your agent needs, then give the agent one of its keys."
            />
          ) : (
            <Card>
              <h2 className="sr-only">Your budgets</h2>
              <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {budgets.map((budget) => {
                  const id = budget._id.toString();
                  const missing = missingByBudget.get(id) ?? 0;
                  const toolCount = budget.toolSlugs.length;
                  return (
                    <li
                      key={id}
                      className="relative flex flex-col gap-4 px-5 py-4 transition-colors first:rounded-t-xl last:rounded-b-xl hover:bg-zinc-50 has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-indigo-500 has-[a:focus-visible]:ring-inset sm:flex-row sm:items-center dark:hover:bg-zinc-800/40"
                    >
                      <div className="min-w-0 flex-1">
                        <div className="flex flex-wrap items-center gap-2">
                          <Link
                            href={`/budgets/${id}`}
                            className="truncate font-medium text-zinc-900 outline-none after:absolute after:inset-0 dark:text-zinc-100"
                          >
                            {budget.name}
                          </Link>
                          {missing ? (
                            <Badge tone="warning">
                              <WarningIcon className="h-3.5 w-3.5" />
                              {missing} missing credential{missing > 1 ? "s" : ""}
                            </Badge>
                          ) : null}
                        </div>
                        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                          {toolCount === 0 ? "No tools yet" : `${toolCount} tool${toolCount > 1 ? "s" : ""}`}
                          <span aria-hidden="true"> · </span>
                          <span className="sr-only">, </span>
                          created <TimeAgo date={budget.createdAt} />
                        </p>
                      </div>
                      <div className="flex items-center gap-4 sm:w-64">
                        <div className="min-w-0 flex-1">
                          <SpendMeter spentCents={budget.spentCents ?? 0} limitCents={budget.limitCents ?? null} />
                        </div>
                        <ChevronRightIcon className="hidden h-5 w-5 shrink-0 text-zinc-400 sm:block" />
                      </div>
                    </li>
                  );
                })}
              </ul>
              <Pager
                shown={budgets.length}
                totalCount={page.totalCount}
                nextCursor={page.hasNextPage ? page.cursors.at(-1)! : null}
                paged={typeof after === "string"}
                basePath="/budgets"
                noun="budgets"
              />
            </Card>
          )}
        </div>
        <div id="new-budget" className="scroll-mt-20 lg:sticky lg:top-20">
        <Card>
          <CardHeader title="New budget" description="You can add tools and keys once it exists." />
          <div className="px-5 py-5">
            <CreateBudgetForm />
          </div>
        </Card>
        </div>
      </div>
    </>
  );
}
