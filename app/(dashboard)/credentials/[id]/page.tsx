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

export const metadata: Metadata = { title: "Edit credential" };

export default async function CredentialPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireSession();
  const { id } = await params;
  const credential = await getCredential(actor, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const integration = await integrationOfCredential(credential);
  const budgets = await Promise.all((await bindingsOfCredential(actor, credential._id)).map((b) => getBudget(actor, b.budgetId.toString())));

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
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="p-5 sm:p-6 lg:col-span-2">
          <CredentialForm
            mode="edit"
            credentialId={credential._id.toString()}
            name={credential.name}
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
