import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/require-session";
import { listIntegrations } from "@/lib/services/integrations/integrations.service";
import { listTools } from "@/lib/services/tools/tools.service";
import { listOAuthClients } from "@/lib/services/oauth/oauth.service";
import { OAuthClientForm } from "@/components/integrations/oauth-client-form";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";

export const metadata: Metadata = { title: "Integrations" };

const AUTH_LABELS: Record<string, string> = { none: "No credential", static: "API key or login", oauth2: "OAuth 2" };

/** Each vendor account's way in and the tools that share its credential. */
export default async function IntegrationsPage() {
  const actor = await requireSession();
  const [integrations, tools, clients] = await Promise.all([listIntegrations(actor), listTools(actor), listOAuthClients(actor)]);
  return (
    <>
      <PageHeader
        title="Integrations"
        description="One credential of an integration serves every tool of it: bind it to a budget once, for all of them."
      />
      <ul role="list" className="grid gap-4 md:grid-cols-2">
        {integrations.map((integration) => {
          const members = tools.filter((t) => t.integrationId === integration._id);
          return (
            <li key={integration._id}>
              <Card className="h-full p-5">
                <div className="flex flex-wrap items-center gap-2">
                  <h2 className="font-medium">{integration.name}</h2>
                  <Badge>{AUTH_LABELS[integration.authKind] ?? integration.authKind}</Badge>
                  {integration.oauth ? <Badge tone="info">{integration.oauth.grant === "client_credentials" ? "Client credentials" : "Connect"}</Badge> : null}
                  {integration.ownerId ? <Badge tone="info">Custom</Badge> : null}
                </div>
                <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{integration.description}</p>
                <p className="mt-3 text-xs font-medium text-zinc-500 dark:text-zinc-400">Tools</p>
                <ul role="list" className="mt-1 text-sm">
                  {members.map((tool) => (
                    <li key={tool._id}>{tool.name}</li>
                  ))}
                </ul>
                {integration.oauth?.grant === "authorization_code" ? (
                  <ConnectSection
                    slug={integration.slug}
                    name={integration.name}
                    client={clients.find((c) => c.integrationId === integration._id)?.clientId ?? null}
                  />
                ) : integration.authKind !== "none" && members[0] ? (
                  <Link href={`/credentials/new?tool=${encodeURIComponent(members[0].slug)}`} className="mt-3 inline-block text-sm text-indigo-700 underline dark:text-indigo-300">
                    Add a {integration.name} credential
                  </Link>
                ) : null}
              </Card>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** An authorization-code integration: its OAuth client first, then Connect. */
function ConnectSection({ slug, name, client }: { slug: string; name: string; client: string | null }) {
  return (
    <div className="mt-3">
      {client ? (
        <ButtonLink href={`/api/oauth/connect?integration=${encodeURIComponent(slug)}`} size="sm">
          Connect {name}
        </ButtonLink>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Save your OAuth client of {name} to connect accounts.</p>
      )}
      <details className="mt-2" open={!client}>
        <summary className="cursor-pointer text-sm">OAuth client</summary>
        <OAuthClientForm integrationSlug={slug} integrationName={name} clientId={client} configured={!!client} />
      </details>
    </div>
  );
}
