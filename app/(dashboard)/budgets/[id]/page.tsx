import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { env } from "@/lib/env";
import { requireSession } from "@/lib/auth/require-session";
import { maskedDisplay } from "@/lib/crypto/masking";
import { NotFoundError } from "@/lib/services/errors";
import { getBudget } from "@/lib/services/budgets/budgets.service";
import { listBudgetKeys } from "@/lib/services/budget-keys/budget-keys.service";
import { listBindings } from "@/lib/services/bindings/bindings.service";
import { credentialFieldViews, listCredentials } from "@/lib/services/credentials/credentials.service";
import { listTools, needsCredentials } from "@/lib/services/tools/tools.service";
import { listWarnings, setupPath } from "@/lib/services/warnings/warnings.service";
import { listRecentUsage } from "@/lib/services/usage/usage.service";
import { dollarsFromCents, formatCents } from "@/lib/services/budgets/money";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { SpendMeter } from "@/components/budgets/spend-meter";
import { EditBudgetForm } from "@/components/budgets/edit-budget-form";
import { AddToolForm } from "@/components/budgets/add-tool-form";
import { BindCredentialForm, type TCredentialOption } from "@/components/budgets/bind-credential-form";
import { CreateKeyForm } from "@/components/budgets/create-key-form";
import { CurlExample } from "@/components/budgets/curl-example";
import { CheckCircleIcon, ChevronLeftIcon, KeyIcon, WarningIcon } from "@/components/ui/icons";
import { deleteBudgetAction } from "@/lib/actions/budgets/delete-budget";
import { removeBudgetToolAction } from "@/lib/actions/budgets/remove-budget-tool";
import { revokeBudgetKeyAction } from "@/lib/actions/budget-keys/revoke-budget-key";
import { cardClass } from "@/components/ui/styles";

type TParams = { params: Promise<{ id: string }> };

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

/** The credential form's link that binds the new credential to this budget on save. */
export default async function BudgetPage({ params }: TParams) {
  const { id } = await params;
  const { actor, budget } = await loadBudget(id);
  const budgetId = budget._id.toString();
  const [tools, bindings, keys, warnings, usage] = await Promise.all([
    listTools(actor),
    listBindings(actor, budget._id),
    listBudgetKeys(actor, budget._id),
    listWarnings(actor, budget._id),
    listRecentUsage(actor, budget._id, 20),
  ]);
  const toolsBySlug = new Map(tools.map((tool) => [tool.slug, tool]));
  const boundBySlug = new Map(bindings.map((binding) => [binding.toolSlug, binding.credentialId.toString()]));
  const budgetTools = await Promise.all(
    budget.toolSlugs.map(async (slug) => {
      const tool = toolsBySlug.get(slug) ?? null;
      if (!tool || !needsCredentials(tool)) return { slug, tool, credentials: [] as TCredentialOption[] };
      // Only this tool's credentials, shown by name and mask: nothing else of them reaches the page.
      const credentials = (await listCredentials(actor, slug)).map<TCredentialOption>((credential) => {
        const secret = credentialFieldViews(credential, tool).find((field) => field.secret);
        return { id: credential._id.toString(), name: credential.name, masked: maskedDisplay(secret?.hint), hint: secret?.hint ?? null };
      });
      return { slug, tool, credentials };
    }),
  );
  const addable = tools
    .filter((tool) => !budget.toolSlugs.includes(tool.slug))
    .map((tool) => ({ slug: tool.slug, name: tool.name, needsCredentials: needsCredentials(tool) }));
  const activeKeys = keys.filter((key) => !key.revokedAt);
  const limitCents = budget.limitCents ?? null;
  const spentCents = budget.spentCents ?? 0;

  return (
    <>
      <PageHeader
        back={
          <Link href="/budgets" className="inline-flex items-center gap-1 rounded text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
            <ChevronLeftIcon /> Budgets
          </Link>
        }
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
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
          <Stat label="Spent" className="col-span-2 sm:col-span-1">
            <SpendMeter spentCents={spentCents} limitCents={limitCents} size="lg" />
          </Stat>
          <Stat label="Tools">
            <p className="text-2xl font-semibold tracking-tight tabular-nums">{budget.toolSlugs.length}</p>
            <p className="mt-2 flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
              {warnings.length ? (
                <>
                  <WarningIcon className="h-3.5 w-3.5 text-amber-600 dark:text-amber-400" />
                  {warnings.length} missing credential{warnings.length > 1 ? "s" : ""}
                </>
              ) : budget.toolSlugs.length ? (
                <>
                  <CheckCircleIcon className="h-3.5 w-3.5 text-emerald-600 dark:text-emerald-400" />
                  Every tool is ready
                </>
              ) : (
                "Add the tools your agent calls"
              )}
            </p>
          </Stat>
          <Stat label="Active keys">
            <p className="text-2xl font-semibold tracking-tight tabular-nums">{activeKeys.length}</p>
            <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
              {keys.length - activeKeys.length ? `${keys.length - activeKeys.length} revoked` : activeKeys.length ? "None revoked" : "Create one for your agent"}
            </p>
          </Stat>
        </dl>

        {warnings.length ? (
          <section aria-labelledby="warnings-title" className="rounded-xl border border-amber-300 bg-amber-50 dark:border-amber-900 dark:bg-amber-950/40">
            <div className="flex items-start gap-3 px-5 py-4">
              <WarningIcon className="mt-0.5 h-5 w-5 shrink-0 text-amber-600 dark:text-amber-400" />
              <div className="min-w-0 flex-1">
                <h2 id="warnings-title" className="text-base font-semibold text-amber-950 dark:text-amber-100">
                  {warnings.length === 1 ? "1 tool needs a credential" : `${warnings.length} tools need a credential`}
                </h2>
                <p className="mt-0.5 text-sm text-amber-900 dark:text-amber-200/90">
                  Agents calling these tools with this budget&apos;s keys get a <code className="font-mono text-[0.8125rem]">missing_credential</code> error until one is bound.
                </p>
                <ul className="mt-3 divide-y divide-amber-200 rounded-lg border border-amber-200 bg-white/70 dark:divide-amber-900/60 dark:border-amber-900/60 dark:bg-zinc-950/40">
                  {warnings.map((warning) => (
                    <li key={warning.toolSlug} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center">
                      <div className="min-w-0 flex-1">
                        <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{warning.toolName}</p>
                        <p className="mt-0.5 text-xs text-zinc-700 dark:text-zinc-300">
                          {warning.count ? (
                            <>
                              Agents hit this {warning.count} time{warning.count > 1 ? "s" : ""}, last <TimeAgo date={warning.lastSeenAt} />
                            </>
                          ) : (
                            "No agent has run into it yet"
                          )}
                        </p>
                      </div>
                      <ButtonLink href={setupPath(warning.budgetId.toString(), warning.toolSlug)} size="sm" className="self-start sm:self-auto" aria-label={`Set up a ${warning.toolName} credential`}>
                        Set up
                      </ButtonLink>
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          </section>
        ) : null}

        <Card>
          <CardHeader title="Tools" description="What agents may call with this budget's keys, and the credential each call uses." />
          {budgetTools.length === 0 ? (
            <div className="px-5 py-8 text-center">
              <p className="text-sm font-medium">No tools yet</p>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Add a tool below; agents can call nothing until you do.</p>
            </div>
          ) : (
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {budgetTools.map(({ slug, tool, credentials }) => {
                const boundId = boundBySlug.get(slug) ?? null;
                const bound = boundId ? credentials.find((c) => c.id === boundId) : undefined;
                const name = tool?.name ?? slug;
                return (
                  <li key={slug} className="px-5 py-4">
                    <div className="flex items-start gap-3">
                      <div className="min-w-0 flex-1">
                        <h3 className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm font-semibold">
                          {name}
                          <code className="font-mono text-xs font-normal text-zinc-500 dark:text-zinc-400">{slug}</code>
                        </h3>
                        {tool?.description ? <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{tool.description}</p> : null}
                        {tool ? (
                          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{tool.costCents ? `${formatCents(tool.costCents)} per call` : "Free to call"}</p>
                        ) : null}
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
                      />
                    </div>
                    <div className="mt-3">
                      {!tool ? (
                        <p className="text-sm text-zinc-600 dark:text-zinc-400">This tool no longer exists. Remove it from the budget.</p>
                      ) : !needsCredentials(tool) ? (
                        <p className="inline-flex items-center gap-1.5 text-sm text-zinc-600 dark:text-zinc-400">
                          <CheckCircleIcon className="h-4 w-4 text-emerald-600 dark:text-emerald-400" />
                          No credential needed
                        </p>
                      ) : bound ? (
                        <div className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-zinc-50 p-3 md:flex-row md:items-center dark:border-zinc-800 dark:bg-zinc-950/40">
                          <div className="flex min-w-0 flex-1 items-center gap-2.5">
                            <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md bg-emerald-100 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300">
                              <KeyIcon />
                            </span>
                            <div className="min-w-0 flex-1">
                              <p className="truncate text-sm font-medium">
                                <span className="sr-only">Bound credential: </span>
                                {bound.name}
                              </p>
                              <p className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{bound.masked}</p>
                            </div>
                            <Link
                              href={setupPath(budgetId, slug)}
                              className="shrink-0 rounded text-xs font-medium text-indigo-700 underline-offset-2 hover:underline md:hidden dark:text-indigo-400"
                              aria-label={`New ${name} credential`}
                            >
                              New credential
                            </Link>
                          </div>
                          <div className="flex items-center gap-3 md:w-[30rem]">
                            <div className="min-w-0 flex-1">
                              <BindCredentialForm budgetId={budgetId} toolSlug={slug} toolName={name} credentials={credentials} boundId={boundId} />
                            </div>
                            <Link
                              href={setupPath(budgetId, slug)}
                              className="hidden shrink-0 rounded text-xs font-medium text-indigo-700 underline-offset-2 hover:underline md:inline dark:text-indigo-400"
                              aria-label={`New ${name} credential`}
                            >
                              New credential
                            </Link>
                          </div>
                        </div>
                      ) : (
                        <div className="rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-900 dark:bg-amber-950/40">
                          <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
                            <p className="flex min-w-0 flex-1 items-start gap-2 text-sm text-amber-900 dark:text-amber-200">
                              <WarningIcon className="mt-0.5 h-4 w-4 shrink-0 text-amber-600 dark:text-amber-400" />
                              <span>
                                <strong className="font-semibold">Missing credential.</strong> Calls to this tool fail until one is bound.
                              </span>
                            </p>
                            <ButtonLink href={setupPath(budgetId, slug)} size="sm" className="self-start sm:self-auto" aria-label={`Set up a ${name} credential`}>
                              Set up
                            </ButtonLink>
                          </div>
                          {credentials.length ? (
                            <div className="mt-3 border-t border-amber-200 pt-3 dark:border-amber-900/60">
                              <p className="mb-1.5 text-xs text-amber-900 dark:text-amber-200">Or use one you already have:</p>
                              <div className="sm:max-w-md">
                                <BindCredentialForm budgetId={budgetId} toolSlug={slug} toolName={name} credentials={credentials} boundId={null} />
                              </div>
                            </div>
                          ) : null}
                        </div>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
          <div className="rounded-b-xl border-t border-zinc-200 bg-zinc-50 px-5 py-4 dark:border-zinc-800 dark:bg-zinc-950/30">
            {addable.length ? (
              <AddToolForm budgetId={budgetId} tools={addable} />
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Every tool in your catalog is in this budget. <Link href="/tools" className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-400">Define a custom tool</Link> to add more.
              </p>
            )}
          </div>
        </Card>

        <Card>
          <CardHeader title="Budget keys" description="Agents send one as a bearer token. Each key is shown once, when it is created." />
          <div className="px-5 py-5">
            <CreateKeyForm budgetId={budgetId} />
          </div>
          {keys.length ? (
            <div className="border-t border-zinc-200 dark:border-zinc-800">
              <div className="hidden grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_8rem_8rem_7rem] gap-4 bg-zinc-50 px-5 py-2 text-xs font-medium text-zinc-600 md:grid dark:bg-zinc-950/30 dark:text-zinc-400" aria-hidden="true">
                <span>Name</span>
                <span>Key</span>
                <span>Created</span>
                <span>Last used</span>
                <span className="text-right">Status</span>
              </div>
              <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {keys.map((key) => (
                  <li key={key.keyId} className="grid grid-cols-2 gap-x-4 gap-y-2 px-5 py-3 text-sm md:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_7rem_7rem_10rem] md:items-center">
                    <p className={`col-span-2 truncate font-medium md:col-span-1 ${key.revokedAt ? "text-zinc-500 line-through dark:text-zinc-400" : ""}`}>{key.name}</p>
                    <p className="col-span-2 md:col-span-1">
                      <span className="sr-only">Key starts with </span>
                      <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">{key.prefix}…</code>
                    </p>
                    <p className="text-zinc-600 dark:text-zinc-400">
                      <span className="text-xs text-zinc-500 md:hidden dark:text-zinc-400">Created </span>
                      <TimeAgo date={key.createdAt} />
                    </p>
                    <p className="text-zinc-600 dark:text-zinc-400">
                      <span className="text-xs text-zinc-500 md:hidden dark:text-zinc-400">Last used </span>
                      <TimeAgo date={key.lastUsedAt} never="Never" />
                    </p>
                    <div className="col-span-2 flex items-center justify-between gap-2 md:col-span-1 md:justify-end">
                      {key.revokedAt ? (
                        <span className="whitespace-nowrap">
                          <Badge tone="neutral">
                            Revoked <TimeAgo date={key.revokedAt} />
                          </Badge>
                        </span>
                      ) : (
                        <>
                          <Badge tone="success">Active</Badge>
                          <ConfirmDialog
                            trigger={{ label: "Revoke", ariaLabel: `Revoke key ${key.name}`, variant: "ghost", size: "sm" }}
                            title={`Revoke “${key.name}”?`}
                            description={
                              <>
                                Agents using <code className="font-mono">{key.prefix}…</code> are refused from their next call. This cannot be undone.
                              </>
                            }
                            confirmLabel="Revoke key"
                            pendingText="Revoking…"
                            action={revokeBudgetKeyAction}
                            fields={{ keyId: key.keyId }}
                          />
                        </>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </Card>

        <Card>
          <CardHeader title="Recent calls" description="The last 20 tool calls made with this budget's keys." />
          {usage.length ? (
            <>
              <ul className="divide-y divide-zinc-200 sm:hidden dark:divide-zinc-800">
                {usage.map((call) => (
                  <li key={call.requestId} className="px-5 py-3 text-sm">
                    <div className="flex items-center justify-between gap-3">
                      <p className="min-w-0 truncate font-medium">{toolsBySlug.get(call.toolSlug)?.name ?? call.toolSlug}</p>
                      <Badge tone={call.status < 300 ? "success" : call.status < 500 ? "warning" : "danger"}>{call.status}</Badge>
                    </div>
                    {call.errorCode ? <code className="mt-1 block font-mono text-xs text-zinc-700 dark:text-zinc-300">{call.errorCode}</code> : null}
                    <p className="mt-1 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
                      {call.latencyMs} ms · {formatCents(call.costCents)} · <TimeAgo date={call.at} />
                    </p>
                  </li>
                ))}
              </ul>
              <div className="hidden overflow-x-auto sm:block">
                <table className="w-full min-w-[36rem] text-left text-sm">
                  <caption className="sr-only">Recent calls</caption>
                  <thead className="bg-zinc-50 text-xs font-medium text-zinc-600 dark:bg-zinc-950/30 dark:text-zinc-400">
                    <tr>
                      <th scope="col" className="px-5 py-2 font-medium">Tool</th>
                      <th scope="col" className="px-3 py-2 font-medium">Status</th>
                      <th scope="col" className="px-3 py-2 font-medium">Error</th>
                      <th scope="col" className="px-3 py-2 text-right font-medium">Latency</th>
                      <th scope="col" className="px-3 py-2 text-right font-medium">Cost</th>
                      <th scope="col" className="px-5 py-2 text-right font-medium">Time</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                    {usage.map((call) => (
                      <tr key={call.requestId}>
                        <td className="px-5 py-2.5 font-medium whitespace-nowrap">{toolsBySlug.get(call.toolSlug)?.name ?? call.toolSlug}</td>
                        <td className="px-3 py-2.5">
                          <Badge tone={call.status < 300 ? "success" : call.status < 500 ? "warning" : "danger"}>{call.status}</Badge>
                        </td>
                        <td className="px-3 py-2.5">
                          {call.errorCode ? <code className="font-mono text-xs">{call.errorCode}</code> : <span className="text-zinc-400 dark:text-zinc-500">—</span>}
                        </td>
                        <td className="px-3 py-2.5 text-right tabular-nums">{call.latencyMs} ms</td>
                        <td className="px-3 py-2.5 text-right tabular-nums">{formatCents(call.costCents)}</td>
                        <td className="px-5 py-2.5 text-right whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                          <TimeAgo date={call.at} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <div className="px-5 py-6">
              <p className="text-sm font-medium">No calls yet</p>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                Calls show up here as soon as an agent uses one of this budget&apos;s keys. Try it from a terminal:
              </p>
              <div className="mt-3">
                <CurlExample appUrl={env().APP_URL} toolSlug={budget.toolSlugs[0] ?? "<tool-slug>"} />
              </div>
            </div>
          )}
        </Card>

        <Card>
          <div id="settings" className="scroll-mt-20">
            <CardHeader title="Settings" description="Rename the budget or change its spending limit. A new limit applies from the next call." />
          </div>
          <div className="px-5 py-5">
            <EditBudgetForm budgetId={budgetId} name={budget.name} limit={dollarsFromCents(limitCents)} />
          </div>
        </Card>

        <section aria-labelledby="danger-title" className="rounded-xl border border-red-200 bg-white shadow-sm dark:border-red-900/60 dark:bg-zinc-900">
          <div className="flex flex-col gap-4 px-5 py-4 sm:flex-row sm:items-center">
            <div className="min-w-0 flex-1">
              <h2 id="danger-title" className="text-base font-semibold">
                Delete this budget
              </h2>
              <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">Its keys stop working and its bindings are removed. Your credentials are kept.</p>
            </div>
            <ConfirmDialog
              trigger={{ label: "Delete budget", variant: "danger" }}
              title={`Delete “${budget.name}”?`}
              description={
                <>
                  {activeKeys.length > 1
                    ? `Its ${activeKeys.length} active keys stop working immediately: agents using them are refused.`
                    : activeKeys.length
                      ? "Its active key stops working immediately: agents using it are refused."
                      : "Every key of this budget stops working."}{" "}
                  Its bindings are removed; the credentials themselves stay in your vault. This cannot be undone.
                </>
              }
              confirmLabel="Delete budget"
              pendingText="Deleting…"
              action={deleteBudgetAction}
              fields={{ budgetId }}
            />
          </div>
        </section>
      </div>
    </>
  );
}

function Stat({ label, children, className = "" }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={`${cardClass} px-5 py-4 ${className}`}>
      <dt className="text-sm font-medium text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1.5">{children}</dd>
    </div>
  );
}
