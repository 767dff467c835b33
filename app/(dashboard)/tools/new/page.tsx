import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { ToolForm } from "@/components/tools/tool-form";

export const metadata: Metadata = { title: "Define a custom tool" };

// The dashboard layout has already required a session; the form's action checks it again on submit.
export default function NewToolPage() {
  return (
    <>
      <PageHeader
        back={<BackLink href="/tools">Tools</BackLink>}
        title="Define a custom tool"
        description="Describe an HTTP API your agents should call. Vaultline keeps its credentials and adds them to each request, so agents only ever see the tool's slug."
      />
      <ToolForm />
    </>
  );
}
