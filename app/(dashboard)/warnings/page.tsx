import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/require-session";
import { listWarnings } from "@/lib/services/warnings/warnings.service";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { WarningList } from "@/components/dashboard/warning-list";

export const metadata: Metadata = { title: "Warnings" };

export default async function WarningsPage() {
  const actor = await requireSession();
  const warnings = await listWarnings(actor);
  return (
    <>
      <PageHeader title="Warnings" description="Tools your budgets allow but cannot call, because no credential is bound. Each link opens the form that fixes it." />
      {warnings.length === 0 ? (
        <EmptyState
          title="All set"
          description={
            <>
              Every tool in your <Link href="/budgets" className="underline">budgets</Link> has the credential it needs.
            </>
          }
        />
      ) : (
        <WarningList warnings={warnings} showBudget />
      )}
    </>
  );
}
