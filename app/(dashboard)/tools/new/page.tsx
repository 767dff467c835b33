import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/require-session";
import { findTool } from "@/lib/services/tools/tools.service";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { ToolForm } from "@/components/tools/tool-form";
import { draftFromTool } from "@/components/tools/tool-draft";

export const metadata: Metadata = { title: "Define a custom tool" };

/** A new custom tool, empty or (?from=slug, the catalog's "Duplicate") started from another one. */
export default async function NewToolPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const actor = await requireSession();
  const from = (await searchParams).from;
  const source = from ? await findTool(actor, from) : null;
  return (
    <>
      <PageHeader
        back={<BackLink href="/tools">Tools</BackLink>}
        title={source ? `Duplicate ${source.name}` : "Define a custom tool"}
        description="Describe an HTTP API your agents should call. Vaultline keeps its credentials and adds them to each request, so agents only ever see the tool's slug."
      />
      <ToolForm initial={source ? draftFromTool(source, true) : undefined} />
    </>
  );
}
