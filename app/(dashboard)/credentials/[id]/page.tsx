import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSession } from "@/lib/auth/require-session";
import { credentialFieldViews, getCredential, integrationOfCredential } from "@/lib/services/credentials/credentials.service";
import { bindingsOfCredential } from "@/lib/services/bindings/bindings.service";
import { getBudget } from "@/lib/services/budgets/budgets.service";
import { NotFoundError } from "@/lib/services/errors";
import { PageHeader } from "@/components/ui/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { TimeAgo } from "@/components/ui/time-ago";
import { CredentialForm } from "@/components/credentials/credential-form";
import { formFieldsOf } from "@/components/credentials/form-fields";
import { DeleteCredential } from "@/components/credentials/delete-credential";
import { ButtonLink } from "@/components/ui/button";
import { TestCredentialButton } from "@/components/credentials/test-credential-button";
import { getTokenStatus } from "@/lib/services/oauth/oauth.service";

export const metadata: Metadata = { title: "Edit credential" };

const VERIFICATION_COPY: Record<string, string> = {
  accepted: "the vendor accepted it",
  rejected: "the vendor refused it: check the values",
  unreachable: "the vendor could not be reached; it is saved all the same",
  unexpected: "the vendor gave an unexpected answer",
  not_checked: "not checked",
};

export default async function CredentialPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireSession();
  const { id } = await params;
  const credential = await getCredential(actor, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const integration = await integrationOfCredential(credential);
  const budgets = await Promise.all((await bindingsOfCredential(actor, credential._id)).map((b) => getBudget(actor, b.budgetId.toString())));

  const tokens = integration.authKind === "oauth2" ? await getTokenStatus(actor, credential) : null;
  const connectable = integration.oauth?.grant === "authorization_code";
  // The public shape only: plain values and secret hints go to the browser, secrets stay encrypted here.
  const views = credentialFieldViews(credential, integration);
  const plainValues = Object.fromEntries(views.filter((f) => !f.secret).map((f) => [f.key, f.value ?? ""]));
  const savedSecrets = Object.fromEntries(views.filter((f) => f.secret).map((f) => [f.key, { hint: f.hint }]));

  return (
    <>
      <PageHeader
        title={credential.name}
        description={
          <>
            {integration.name} · {credential.lastUsedAt ? <>last used <TimeAgo date={credential.lastUsedAt} /></> : "not used yet"}
          </>
        }
        back={<BackLink href="/credentials">Credentials</BackLink>}
      />
      {tokens?.needsReconnect ? (
        <p role="alert" className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
          {integration.name} refused this credential&apos;s grant (consent revoked or expired): agents get a <code>reconnect_required</code> error until it is{" "}
          {connectable ? "reconnected" : "saved again with a valid client secret"}.
        </p>
      ) : null}
      {integration.verify && integration.authKind === "static" ? (
        <div className="mb-4 flex flex-wrap items-center gap-3 text-sm text-zinc-700 dark:text-zinc-300">
          <p role="status">
            {credential.verification ? (
              <>
                Checked with {integration.name} <TimeAgo date={credential.verification.checkedAt} />: {VERIFICATION_COPY[credential.verification.outcome] ?? credential.verification.outcome}
                {credential.verification.status ? ` (HTTP ${credential.verification.status})` : ""}.
              </>
            ) : (
              `Not checked with ${integration.name} yet.`
            )}
          </p>
          <TestCredentialButton credentialId={credential._id.toString()} vendor={integration.name} />
        </div>
      ) : null}
      {connectable ? (
        <Card className="mb-6 flex flex-wrap items-center gap-3 p-5">
          <p className="text-sm">{tokens?.connected ? `Connected to ${integration.name}.` : `Not connected to ${integration.name} yet.`}</p>
          <ButtonLink href={`/api/oauth/connect?${new URLSearchParams({ integration: integration.slug, credential: credential._id.toString() })}`} size="sm" variant="secondary">
            Reconnect
          </ButtonLink>
        </Card>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="p-5 sm:p-6 lg:col-span-2">
          <CredentialForm
            mode="edit"
            credentialId={credential._id.toString()}
            name={credential.name}
            expiresOn={credential.expiresAt ? credential.expiresAt.toISOString().slice(0, 10) : ""}
            plainValues={plainValues}
            savedSecrets={savedSecrets}
            tool={{
              slug: credential.toolSlug ?? integration.slug,
              name: integration.name,
              fields: formFieldsOf(integration),
            }}
          />
        </Card>
        <div className="space-y-6">
          <Card>
            <CardHeader title="Used by" description={budgets.length ? "Agents with these budgets' keys get this credential injected." : "No budget uses it yet."} />
            {budgets.length ? (
              <ul role="list" className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
                {budgets.map((b) => (
                  <li key={b._id.toString()} className="px-5 py-3">
                    <Link href={`/budgets/${b._id.toString()}`} className="font-medium hover:underline">
                      {b.name}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="px-5 py-4 text-sm text-zinc-600 dark:text-zinc-400">
                Bind it from a <Link href="/budgets" className="underline">budget</Link>.
              </p>
            )}
          </Card>
          <DeleteCredential id={credential._id.toString()} name={credential.name} budgetNames={budgets.map((b) => b.name)} />
        </div>
      </div>
    </>
  );
}
