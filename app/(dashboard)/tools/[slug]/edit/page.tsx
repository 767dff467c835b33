import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSession } from "@/lib/auth/require-session";
import { findTool } from "@/lib/services/tools/tools.service";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { ToolForm } from "@/components/tools/tool-form";
import { draftFromTool } from "@/components/tools/tool-draft";

export const metadata: Metadata = { title: "Edit tool" };

/** One of the person's custom tools, in the form it was created with (built-in tools do not change). */
export default async function EditToolPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requireSession();
  const tool = await findTool(actor, (await params).slug);
  if (!tool || !tool.ownerId) notFound();
  return (
    <>
      <PageHeader
        back={<BackLink href="/tools">Tools</BackLink>}
        title={`Edit ${tool.name}`}
        description="Changes apply to the next agent call, in every budget that lists the tool."
      />
      <ToolForm initial={draftFromTool(tool, false)} editing />
    </>
  );
}
