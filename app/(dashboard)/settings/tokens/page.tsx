import type { ReactNode } from "react";
import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/require-session";
import { env } from "@/lib/env";
import { listAccessTokens } from "@/lib/services/tokens/access-tokens.service";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { CreateTokenForm } from "./create-token-form";
import { RevokeTokenButton } from "./revoke-token-button";

export const metadata: Metadata = { title: "API tokens" };

const COLUMNS = "md:grid-cols-[minmax(0,2fr)_minmax(0,1.3fr)_minmax(0,1fr)_minmax(0,1fr)_9rem]";

export default async function AccessTokensPage() {
  const actor = await requireSession();
  const tokens = await listAccessTokens(actor);
  const graphqlUrl = `${env().APP_URL}/api/graphql`;
  const active = tokens.filter((t) => !t.revokedAt).length;

  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Personal access tokens let scripts and integrations call the GraphQL API as you. Send one as{" "}
            <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs dark:bg-zinc-800">Authorization: Bearer …</code> to{" "}
            <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs break-all dark:bg-zinc-800">{graphqlUrl}</code>.
          </>
        }
      />

      <div className="space-y-6">
        <Card>
          <CardHeader title="Create a token" description="A token can do everything you can do in the dashboard. Give each integration its own." />
          <CreateTokenForm graphqlUrl={graphqlUrl} />
        </Card>

        <Card>
          <CardHeader
            title="Your tokens"
            description={tokens.length ? `${active} active${tokens.length > active ? `, ${tokens.length - active} revoked` : ""}` : undefined}
          />
          {tokens.length === 0 ? (
            <div className="p-5">
              <EmptyState
                title="No tokens yet"
                description="Tokens you create appear here with their prefix and when they were last used, so you can tell them apart and revoke the ones you no longer need."
              />
            </div>
          ) : (
            <div>
              <div
                aria-hidden="true"
                className={`hidden gap-4 border-b border-zinc-200 bg-zinc-50 px-5 py-2.5 text-xs font-medium text-zinc-600 md:grid dark:border-zinc-800 dark:bg-zinc-950/40 dark:text-zinc-400 ${COLUMNS}`}
              >
                <span>Name</span>
                <span>Token</span>
                <span>Created</span>
                <span>Last used</span>
                <span className="sr-only">Actions</span>
              </div>
              <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {tokens.map((token) => {
                  const revoked = !!token.revokedAt;
                  return (
                    <li key={token.tokenId} className={`grid grid-cols-2 items-center gap-x-4 gap-y-3 px-5 py-4 ${COLUMNS}`}>
                      <div className="col-span-2 flex min-w-0 items-center gap-2 md:col-span-1">
                        <span className={`truncate text-sm font-medium ${revoked ? "text-zinc-500 line-through decoration-zinc-400 dark:text-zinc-400" : ""}`} title={token.name}>
                          {token.name}
                        </span>
                        {revoked ? <Badge tone="danger">Revoked</Badge> : <Badge tone="success">Active</Badge>}
                      </div>
                      <Cell label="Token" className="col-span-2 md:col-span-1">
                        <code className="font-mono text-xs text-zinc-700 dark:text-zinc-300">{token.prefix}…</code>
                      </Cell>
                      <Cell label="Created">
                        <TimeAgo date={token.createdAt} />
                      </Cell>
                      <Cell label="Last used">
                        <TimeAgo date={token.lastUsedAt} />
                      </Cell>
                      <div className="col-span-2 flex md:col-span-1 md:justify-end">
                        {revoked ? (
                          <span className="text-xs text-zinc-500 dark:text-zinc-400">
                            Revoked <TimeAgo date={token.revokedAt} />
                          </span>
                        ) : (
                          <RevokeTokenButton tokenId={token.tokenId} name={token.name} />
                        )}
                      </div>
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}

/** A value with its column name: shown above it on phones, read to screen readers on wide screens. */
function Cell({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={`min-w-0 text-sm ${className}`}>
      <span className="block text-xs text-zinc-500 md:sr-only dark:text-zinc-400">{label}</span>
      <span className="text-zinc-700 dark:text-zinc-300">{children}</span>
    </div>
  );
}
