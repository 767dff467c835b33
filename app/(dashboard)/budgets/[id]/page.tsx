import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { env } from "@/lib/env";
import { requireSession } from "@/lib/auth/require-session";
import { maskedDisplay } from "@/lib/crypto/masking";
import { NotFoundError } from "@/lib/services/errors";
import { getBudget } from "@/lib/services/budgets/budgets.service";
import { listBudgetKeys } from "@/lib/services/budget-keys/budget-keys.service";
import { listBindings } from "@/lib/services/bindings/bindings.service";
import { credentialFieldViews, getCredential, listCredentialsPage } from "@/lib/services/credentials/credentials.service";
import { listTools, needsCredentials } from "@/lib/services/tools/tools.service";
import { listWarnings } from "@/lib/services/warnings/warnings.service";
import { listUsage, usageSummary } from "@/lib/services/usage/usage.service";
import { ValidationError } from "@/lib/services/errors";
import { dollarsFromCents, formatCents } from "@/lib/services/budgets/money";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import type { TCredentialOption } from "@/components/budgets/bind-credential-form";
import { BudgetKeysCard } from "@/components/budgets/budget-keys-card";
import { BudgetStats } from "@/components/budgets/budget-stats";
import { SpendWindowsCard } from "@/components/budgets/spend-windows-card";
import { spendWindowsOf } from "@/lib/services/budgets/spend-report";
import type { TBudgetTool } from "@/components/budgets/budget-tool-row";
import { BudgetToolsCard } from "@/components/budgets/budget-tools-card";
import { BudgetWarningsPanel } from "@/components/budgets/budget-warnings-panel";
import { DeleteBudgetSection } from "@/components/budgets/delete-budget-section";
import { EditBudgetForm } from "@/components/budgets/edit-budget-form";
import { GuardrailsForm } from "@/components/budgets/guardrails-form";
import { RecentCallsCard } from "@/components/budgets/recent-calls-card";
import { CallsFilterForm, callFilterFrom, callFilterQuery } from "@/components/budgets/calls-filter-form";
import { Pager } from "@/components/ui/pager";
import { sampleInput } from "@/lib/services/tools/sample-input";
import { UsageChart, fillDays } from "@/components/usage/usage-chart";

type TParams = { params: Promise<{ id: string }> };
type TPageProps = TParams & { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The budget for this request, or the 404 page (another owner's id is simply not found). */
const loadBudget = cache(async (id: string) => {
  const actor = await requireSession();
  try {
    return { actor, budget: await getBudget(actor, id) };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: TParams): Promise<Metadata> {
  const { budget } = await loadBudget((await params).id);
  return { title: budget.name };
}

/** One budget: what it spent, its tools and their credentials, its keys, its recent calls, its settings. */
export default async function BudgetPage({ params, searchParams }: TPageProps) {
  const { id } = await params;
  const query = await searchParams;
  const callsAfter = query.calls;
  // The call log's filters come from the URL, so a filtered log is a link to share.
  const callFilter = callFilterFrom(query);
  const filterQuery = callFilterQuery(callFilter);
  const { actor, budget } = await loadBudget(id);
  const budgetId = budget._id.toString();
  const [tools, bindings, keys, warnings, usage, summary] = await Promise.all([
    listTools(actor),
    listBindings(actor, budget._id),
    listBudgetKeys(actor, budget._id),
    listWarnings(actor, budget._id),
    // The call log, 20 at a time by cursor (?calls=); a stale or edited link shows the newest.
    listUsage(actor, budget._id, { first: 20, after: typeof callsAfter === "string" ? callsAfter : null, filter: callFilter }).catch((error: unknown) => {
      if (error instanceof ValidationError) return listUsage(actor, budget._id, { first: 20, filter: callFilter });
      throw error;
    }),
    usageSummary(actor, budget._id),
  ]);
  const callCount = filterQuery ? null : usage.hasNextPage || typeof callsAfter === "string" ? await usage.totalCount() : usage.edges.length;
  const toolsBySlug = new Map(tools.map((tool) => [tool.slug, tool]));
  // A tool's own binding, else its integration's (which serves every tool of it).
  const boundByTool = new Map(bindings.filter((b) => b.toolSlug).map((b) => [b.toolSlug!, b.credentialId.toString()]));
  const boundByIntegration = new Map(bindings.filter((b) => b.integrationSlug).map((b) => [b.integrationSlug!, b.credentialId.toString()]));
  const boundBySlug = new Map(
    budget.toolSlugs.map((slug) => [slug, boundByTool.get(slug) ?? boundByIntegration.get(toolsBySlug.get(slug)?.integration.slug ?? "") ?? null]),
  );
  const budgetTools = await Promise.all(
    budget.toolSlugs.map(async (slug): Promise<TBudgetTool> => {
      const found = toolsBySlug.get(slug);
      const tool = found
        ? { name: found.name, description: found.description, costCents: found.costCents, needsCredentials: needsCredentials(found) }
        : null;
      const boundId = boundBySlug.get(slug) ?? null;
      if (!found || !tool?.needsCredentials) return { slug, tool, credentials: [], boundId };
      // Only the credentials of this tool's integration, shown by name and mask: nothing else of them reaches
      // the page. The newest 100 (an owner may have thousands), and the bound one wherever it is.
      const newest = (await listCredentialsPage(actor, { first: 100, toolSlug: slug })).items;
      const bound = boundId && !newest.some((c) => c._id.toString() === boundId) ? await getCredential(actor, boundId).catch(() => null) : null;
      const credentials = (bound ? [bound, ...newest] : newest).map<TCredentialOption>((credential) => {
        const secret = credentialFieldViews(credential, found.integration).find((field) => field.secret);
        return { id: credential._id.toString(), name: credential.name, masked: maskedDisplay(secret?.hint), hint: secret?.hint ?? null };
      });
      return { slug, tool, credentials, boundId };
    }),
  );
  const addable = tools
    .filter((tool) => !budget.toolSlugs.includes(tool.slug))
    .map((tool) => ({ slug: tool.slug, name: tool.name, needsCredentials: needsCredentials(tool) }));
  // The curl samples call the budget's first tool with an input made from its schema.
  const tryIt = { appUrl: env().APP_URL, toolSlug: budget.toolSlugs[0] ?? "<tool-slug>", input: sampleInput(toolsBySlug.get(budget.toolSlugs[0] ?? "")?.inputSchema) };
  const activeKeys = keys.filter((key) => !key.revokedAt).length;
  const limitCents = budget.limitCents ?? null;

  return (
    <>
      <PageHeader
        back={<BackLink href="/budgets">Budgets</BackLink>}
        title={budget.name}
        description={
          <>
            Created <TimeAgo date={budget.createdAt} /> · {limitCents === null ? "No spending limit" : `Limit ${formatCents(limitCents)}`}
          </>
        }
        actions={
          <ButtonLink href="#settings" variant="secondary">
            Edit budget
          </ButtonLink>
        }
      />

      <div className="space-y-6">
        <BudgetStats
          spentCents={budget.spentCents ?? 0}
          limitCents={limitCents}
          toolCount={budget.toolSlugs.length}
          missingCount={warnings.length}
          activeKeys={activeKeys}
          revokedKeys={keys.length - activeKeys}
        />
        <SpendWindowsCard
          windows={await spendWindowsOf(budget)}
          timeZone={budget.timeZone || "UTC"}
          perCallLimitCents={budget.perCallLimitCents ?? null}
          rateLimits={{ budget: budget.rateLimitPerMinute ?? null, key: budget.keyRateLimitPerMinute ?? null }}
        />
        <BudgetWarningsPanel warnings={warnings} />
        <UsageChart days={fillDays(summary.byDay)} description="This budget's calls and spend per day (UTC)." />
        {/* Anchors for links from elsewhere (the home page's checklist). */}
        <div id="tools" className="scroll-mt-20">
          <BudgetToolsCard budgetId={budgetId} tools={budgetTools} addable={addable} />
        </div>
        <div id="keys" className="scroll-mt-20">
          <BudgetKeysCard budgetId={budgetId} keys={keys} tryIt={budget.toolSlugs[0] ? tryIt : null} />
        </div>
        <div id="recent-calls" className="scroll-mt-20">
          <RecentCallsCard
            calls={usage.edges.map((e) => e.node)}
            pager={
              <Pager
                shown={usage.edges.length}
                totalCount={callCount}
                nextCursor={usage.hasNextPage ? usage.endCursor : null}
                paged={typeof callsAfter === "string"}
                basePath={`/budgets/${budgetId}${filterQuery ? `?${filterQuery}` : ""}`}
                param="calls"
                noun="calls"
              />
            }
            toolName={(slug) => toolsBySlug.get(slug)?.name ?? slug}
            filtered={filterQuery !== ""}
            filters={
              <CallsFilterForm
                action={`/budgets/${budgetId}`}
                filter={callFilter}
                tools={budget.toolSlugs.map((slug) => ({ slug, name: toolsBySlug.get(slug)?.name ?? slug }))}
              />
            }
            tryIt={tryIt}
          />
        </div>
        <Card>
          <div id="settings" className="scroll-mt-20">
            <CardHeader title="Settings" description="Rename the budget or change its spending limit. A new limit applies from the next call." />
          </div>
          <div className="px-5 py-5">
            <EditBudgetForm budgetId={budgetId} name={budget.name} limit={dollarsFromCents(limitCents)} />
            <div className="mt-6 border-t border-zinc-200 pt-6 dark:border-zinc-800">
              <GuardrailsForm
                budgetId={budgetId}
                saved={{
                  day: dollarsFromCents(budget.dayLimitCents ?? null),
                  week: dollarsFromCents(budget.weekLimitCents ?? null),
                  month: dollarsFromCents(budget.monthLimitCents ?? null),
                  perCall: dollarsFromCents(budget.perCallLimitCents ?? null),
                  timeZone: budget.timeZone || "UTC",
                  budgetRate: budget.rateLimitPerMinute === null || budget.rateLimitPerMinute === undefined ? "" : String(budget.rateLimitPerMinute),
                  keyRate: budget.keyRateLimitPerMinute === null || budget.keyRateLimitPerMinute === undefined ? "" : String(budget.keyRateLimitPerMinute),
                }}
              />
            </div>
          </div>
        </Card>
        <DeleteBudgetSection budgetId={budgetId} name={budget.name} activeKeys={activeKeys} />
      </div>
    </>
  );
}
