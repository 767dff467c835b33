import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import Link from "next/link";
import { requireSession } from "@/lib/auth/require-session";
import { findTool, listTools, needsCredentials } from "@/lib/services/tools/tools.service";
import { getBudget } from "@/lib/services/budgets/budgets.service";
import { credentialFieldViews, listCredentials } from "@/lib/services/credentials/credentials.service";
import { maskedDisplay } from "@/lib/crypto/masking";
import { BindCredentialForm } from "@/components/budgets/bind-credential-form";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { CredentialForm } from "@/components/credentials/credential-form";
import { formFieldsOf } from "@/components/credentials/form-fields";
import { cardClass } from "@/components/ui/styles";
import { ButtonLink } from "@/components/ui/button";

export const metadata: Metadata = { title: "New credential" };

/**
 * The credential form, pre-filled for a tool (?tool=) and, from a setup link, bound to a budget on save
 * (?budget=). Without a tool it first asks which one.
 */
export default async function NewCredentialPage({ searchParams }: { searchParams: Promise<{ tool?: string; budget?: string }> }) {
  const actor = await requireSession();
  const params = await searchParams;
  const budget = params.budget ? await getBudget(actor, params.budget).catch(() => null) : null;
  const tool = params.tool ? await findTool(actor, params.tool) : null;
  const back = <BackLink href="/credentials">Credentials</BackLink>;

  if (!tool || !needsCredentials(tool)) {
    const tools = (await listTools(actor)).filter(needsCredentials);
    const query = budget ? `&budget=${budget._id.toString()}` : "";
    return (
      <>
        <PageHeader title="New credential" description="Which tool is it for? The form asks for exactly what that tool needs." back={back} />
        {params.tool ? (
          <p role="alert" className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
            The tool “{params.tool}” does not exist or needs no credentials. Pick one below.
          </p>
        ) : null}
        {tools.length === 0 ? (
          <EmptyState title="No tool needs credentials" description="Define a custom tool with credential fields first." />
        ) : (
          <ul role="list" className="grid gap-3 sm:grid-cols-2">
            {tools.map((t) => (
              <li key={t._id}>
                <Link
                  href={`/credentials/new?tool=${encodeURIComponent(t.slug)}${query}`}
                  className={`${cardClass} block h-full p-4 transition hover:border-indigo-300 hover:shadow dark:hover:border-indigo-700`}
                >
                  <div className="flex items-center gap-2">
                    <span className="font-medium">{t.name}</span>
                    {t.ownerId ? <Badge tone="info">Custom</Badge> : null}
                  </div>
                  <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t.description}</p>
                  <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">Needs: {t.credentialFields.map((f) => f.label).join(", ")}</p>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }

  const integration = tool.integration;
  // From a setup link, an existing credential of the integration can be chosen instead of typing a new one.
  const existing = budget
    ? (await listCredentials(actor, { integrationSlug: integration.slug })).map((credential) => {
        const secret = credentialFieldViews(credential, integration).find((field) => field.secret);
        return { id: credential._id.toString(), name: credential.name, masked: maskedDisplay(secret?.hint), hint: secret?.hint ?? null };
      })
    : [];
  return (
    <>
      <PageHeader
        title={`New ${tool.name} credential`}
        description={integration.name === tool.name ? tool.description : `${tool.description} A ${integration.name} credential: it serves every ${integration.name} tool.`}
        back={back}
      />
      {budget ? (
        <div className="mb-6 rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm text-indigo-900 dark:border-indigo-900 dark:bg-indigo-950/50 dark:text-indigo-200">
          Saving binds this credential to the budget <strong>{budget.name}</strong> for every {integration.name} tool ({tool.name} included), and clears their missing-credential warnings.
        </div>
      ) : null}
      {budget && existing.length ? (
        <Card className="mb-6 max-w-2xl p-5 sm:p-6">
          <h2 className="mb-2 text-sm font-medium">Use an existing {integration.name} credential</h2>
          <BindCredentialForm budgetId={budget._id.toString()} toolSlug={tool.slug} integrationSlug={integration.slug} toolName={integration.name} credentials={existing} boundId={null} />
        </Card>
      ) : null}
      {integration.oauth?.grant === "authorization_code" ? (
        <Card className="max-w-2xl p-5 sm:p-6">
          <p className="mb-3 text-sm">{integration.name} is connected through its own sign-in: you consent there, and Vaultline keeps the tokens.</p>
          <ButtonLink href={`/api/oauth/connect?${new URLSearchParams({ integration: integration.slug, ...(budget ? { budget: budget._id.toString() } : {}) })}`}>
            Connect {integration.name}
          </ButtonLink>
        </Card>
      ) : (
      <Card className="max-w-2xl p-5 sm:p-6">
        <CredentialForm
          mode="create"
          budget={budget ? { id: budget._id.toString(), name: budget.name } : null}
          tool={{
            slug: tool.slug,
            name: tool.name,
            fields: formFieldsOf(tool),
          }}
        />
      </Card>
      )}
    </>
  );
}
