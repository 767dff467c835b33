import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/require-session";
import { credentialFieldViews, listCredentialsPage } from "@/lib/services/credentials/credentials.service";
import { listIntegrations } from "@/lib/services/integrations/integrations.service";
import { getBudgetsByIds } from "@/lib/services/budgets/budgets.service";
import { listBindingsOfCredentials } from "@/lib/services/bindings/bindings.service";
import { maskedDisplay } from "@/lib/crypto/masking";
import { PageHeader } from "@/components/ui/page-header";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { TimeAgo } from "@/components/ui/time-ago";
import { Pager } from "@/components/ui/pager";
import { ValidationError } from "@/lib/services/errors";

const PAGE_SIZE = 50;

export const metadata: Metadata = { title: "Credentials" };

export default async function CredentialsPage({ searchParams }: { searchParams: Promise<{ after?: string | string[] }> }) {
  const actor = await requireSession();
  const after = (await searchParams).after;
  // A page of 50, and only what those 50 need: their bindings and those bindings' budgets.
  const page = await listCredentialsPage(actor, { first: PAGE_SIZE, after: typeof after === "string" ? after : null }).catch((error: unknown) => {
    if (error instanceof ValidationError) return listCredentialsPage(actor, { first: PAGE_SIZE }); // a stale or edited link: the first page
    throw error;
  });
  const credentials = page.items;
  const [integrations, bindings] = await Promise.all([listIntegrations(actor), listBindingsOfCredentials(actor, credentials.map((c) => c._id))]);
  const budgets = await getBudgetsByIds(actor, [...new Set(bindings.map((b) => b.budgetId.toString()))]);
  const integrationsById = new Map(integrations.map((i) => [i._id, i]));
  const budgetsById = new Map(budgets.map((b) => [b._id.toString(), b]));

  return (
    <>
      <PageHeader
        title="Credentials"
        description="API keys, tokens and passwords for your tools. Secrets are encrypted at rest and only ever sent to the tool's vendor, never to your agents."
        actions={<ButtonLink href="/credentials/new">New credential</ButtonLink>}
      />
      {page.totalCount === 0 ? (
        <EmptyState
          title="No credentials yet"
          description="Add the API key of a tool, then bind it to a budget so your agents can call the tool without ever seeing the key."
          action={<ButtonLink href="/credentials/new">Add your first credential</ButtonLink>}
        />
      ) : (
        <Card>
          <ul role="list" className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {credentials.map((credential) => {
              const integration = integrationsById.get(credential.integrationId);
              const usedBy = bindings
                .filter((b) => b.credentialId.toString() === credential._id.toString())
                .map((b) => budgetsById.get(b.budgetId.toString()))
                .filter((b) => b !== undefined);
              const fields = integration ? credentialFieldViews(credential, integration) : [];
              return (
                <li key={credential._id.toString()} className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center">
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link href={`/credentials/${credential._id.toString()}`} className="font-medium hover:underline">
                        {credential.name}
                      </Link>
                      <Badge>{integration?.name ?? credential.integrationSlug}</Badge>
                    </div>
                    <dl className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
                      {fields.map((f) => (
                        <div key={f.key} className="flex min-w-0 gap-1.5">
                          <dt>{f.label}:</dt>
                          <dd className="truncate font-mono text-zinc-800 dark:text-zinc-200">{f.secret ? maskedDisplay(f.hint) : f.value}</dd>
                        </div>
                      ))}
                    </dl>
                  </div>
                  <div className="flex flex-wrap items-center gap-2 text-sm sm:w-56 sm:justify-end">
                    {usedBy.length ? (
                      usedBy.map((b) => (
                        <Link key={b._id.toString()} href={`/budgets/${b._id.toString()}`} className="rounded-md hover:underline">
                          <Badge tone="info">{b.name}</Badge>
                        </Link>
                      ))
                    ) : (
                      <span className="text-zinc-500 dark:text-zinc-400">No budget</span>
                    )}
                  </div>
                  <div className="text-sm text-zinc-600 sm:w-36 sm:text-right dark:text-zinc-400">
                    {credential.lastUsedAt ? (
                      <>
                        Used <TimeAgo date={credential.lastUsedAt} />
                      </>
                    ) : (
                      "Not used yet"
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          <Pager
            shown={credentials.length}
            totalCount={page.totalCount}
            nextCursor={page.hasNextPage ? page.cursors.at(-1)! : null}
            paged={typeof after === "string"}
            basePath="/credentials"
            noun="credentials"
          />
        </Card>
      )}
    </>
  );
}
