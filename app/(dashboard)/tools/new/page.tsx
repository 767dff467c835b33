import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { ToolForm } from "@/components/tools/tool-form";

export const metadata: Metadata = { title: "Define a custom tool" };

// The dashboard layout has already required a session; the form's action checks it again on submit.
export default function NewToolPage() {
  return (
    <>
      <PageHeader
        back={
          <Link href="/tools" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
            ← Tools
          </Link>
        }
        title="Define a custom tool"
        description="Describe an HTTP API your agents should call. Vaultline keeps its credentials and adds them to each request, so agents only ever see the tool's slug."
      />
      <ToolForm />
    </>
  );
}
