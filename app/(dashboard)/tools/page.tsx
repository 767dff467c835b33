import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/require-session";
import { listTools } from "@/lib/services/tools/tools.service";
import { PageHeader } from "@/components/ui/page-header";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PlusIcon } from "@/components/ui/icons";
import { ToolCard } from "./tool-card";

export const metadata: Metadata = { title: "Tools" };

export default async function ToolsPage({ searchParams }: { searchParams: Promise<{ created?: string; updated?: string }> }) {
  const actor = await requireSession();
  const [tools, { created, updated }] = await Promise.all([listTools(actor), searchParams]);
  const builtin = tools.filter((t) => !t.ownerId);
  const custom = tools.filter((t) => t.ownerId);
  const createdTool = created ? custom.find((t) => t.slug === created) : undefined;
  const updatedTool = updated ? custom.find((t) => t.slug === updated) : undefined;

  return (
    <>
      <PageHeader
        title="Tools"
        description="The APIs your agents can call through Vaultline: what each one costs and which credentials it needs. Vaultline injects them server-side, so agents never see a secret."
        actions={
          <ButtonLink href="/tools/new">
            <PlusIcon />
            Define a custom tool
          </ButtonLink>
        }
      />

      {updatedTool ? (
        <div
          role="status"
          className="mb-6 rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200"
        >
          <span className="font-semibold">{updatedTool.name}</span> is saved: the next agent call uses it.
        </div>
      ) : null}
      {createdTool ? (
        <div
          role="status"
          className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200"
        >
          <p>
            <span className="font-semibold">{createdTool.name}</span> is in your catalog.
            {createdTool.credentialFields.length ? " Add a credential for it, then add it to a budget." : " Add it to a budget to let agents call it."}
          </p>
          <a href={`#tool-${createdTool.slug}`} className="font-medium underline underline-offset-2 hover:no-underline">
            Show it
          </a>
        </div>
      ) : null}

      <section aria-labelledby="builtin-heading">
        <SectionHeading id="builtin-heading" title="Built-in" count={builtin.length} />
        <div className="grid gap-4 md:grid-cols-2">
          {builtin.map((tool) => (
            <ToolCard key={tool.slug} tool={tool} />
          ))}
        </div>
      </section>

      <section aria-labelledby="custom-heading" className="mt-10">
        <SectionHeading id="custom-heading" title="Your custom tools" count={custom.length} />
        {custom.length ? (
          <div className="grid gap-4 md:grid-cols-2">
            {custom.map((tool) => (
              <ToolCard key={tool.slug} tool={tool} highlighted={tool.slug === (createdTool ?? updatedTool)?.slug} />
            ))}
          </div>
        ) : (
          <EmptyState
            title="No custom tools yet"
            description="Describe any HTTP API: its endpoint, the credential fields it needs and where each one goes in the request."
            action={
              <ButtonLink href="/tools/new" variant="secondary">
                <PlusIcon />
                Define a custom tool
              </ButtonLink>
            }
          />
        )}
      </section>
    </>
  );
}

function SectionHeading({ id, title, count }: { id: string; title: string; count: number }) {
  return (
    <div className="mb-3 flex items-center gap-2">
      <h2 id={id} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        {title}
      </h2>
      <span className="rounded-full bg-zinc-200/70 px-2 py-0.5 text-xs font-medium text-zinc-700 tabular-nums dark:bg-zinc-800 dark:text-zinc-300">
        {count}
      </span>
    </div>
  );
}
