import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/require-session";
import { AUDIT_ACTIONS, listAuditEntries, type TAuditPage } from "@/lib/services/audit/audit.service";
import { ValidationError } from "@/lib/services/errors";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { cardClass, focusRing, inputClass } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Audit trail" };

const TARGET_TYPES = ["credential", "budget", "binding", "budget_key", "access_token", "tool", "user"] as const;

type TSearch = { action?: string; targetType?: string; after?: string };

export default async function AuditPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const actor = await requireSession();
  const search = await searchParams;
  const action = (AUDIT_ACTIONS as readonly string[]).includes(search.action ?? "") ? search.action! : "";
  const targetType = (TARGET_TYPES as readonly string[]).includes(search.targetType ?? "") ? search.targetType! : "";
  let page: TAuditPage;
  try {
    page = await listAuditEntries(actor, { first: 50, after: search.after ?? null, action: action || null, targetType: targetType || null });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    page = await listAuditEntries(actor, { first: 50, action: action || null, targetType: targetType || null });
  }
  const query = (extra: Record<string, string>) => new URLSearchParams({ ...(action ? { action } : {}), ...(targetType ? { targetType } : {}), ...extra }).toString();

  return (
    <>
      <PageHeader
        title="Audit trail"
        description={
          <>
            Every change made to your account, by you in the dashboard, by your API tokens or by an operator, and how often each credential served each budget key. Entries are chained, so an edit or deletion in the database is detected.{" "}
            <a href="/api/audit/export" className="underline">Export as JSON lines</a>.
          </>
        }
      />
      <form method="get" className={`${cardClass} mb-6 flex flex-wrap items-end gap-4 p-4`} aria-label="Filter the audit trail">
        <label className="text-sm">
          <span className="mb-1 block font-medium">Action</span>
          <select name="action" defaultValue={action} className={inputClass}>
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>{a}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Concerning</span>
          <select name="targetType" defaultValue={targetType} className={inputClass}>
            <option value="">Anything</option>
            {TARGET_TYPES.map((t) => (
              <option key={t} value={t}>{t.replace("_", " ")}</option>
            ))}
          </select>
        </label>
        <button type="submit" className={`rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 ${focusRing}`}>
          Filter
        </button>
        {(action || targetType) && (
          <Link href="/audit" className="text-sm underline">Clear filters</Link>
        )}
      </form>
      {page.entries.length === 0 ? (
        <EmptyState title="No entries" description={action || targetType ? "Nothing matches these filters on this page of the trail." : "Nothing has been recorded yet."} />
      ) : (
        <Card>
          <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Audit entries, newest first">
            {page.entries.map((entry) => (
              <li key={entry._id} className="grid gap-1 px-4 py-3 text-sm md:grid-cols-[5rem_minmax(0,1.4fr)_minmax(0,1.4fr)_minmax(0,1fr)_8rem]">
                <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">#{entry.seq}</span>
                <span className="font-medium">{entry.action}</span>
                <span className="min-w-0 truncate" title={entry.details ? JSON.stringify(entry.details) : undefined}>
                  {entry.target.type} <span className="font-mono text-xs">{entry.target.id}</span>
                </span>
                <span className="min-w-0 truncate text-zinc-600 dark:text-zinc-300">
                  {entry.actor.kind}
                  {entry.source ? ` · ${entry.source}` : ""}
                </span>
                <TimeAgo date={entry.at} />
              </li>
            ))}
          </ol>
        </Card>
      )}
      {page.hasNextPage && page.endCursor && (
        <p className="mt-4">
          <Link href={`/audit?${query({ after: page.endCursor })}`} className="text-sm font-medium underline">Older entries</Link>
        </p>
      )}
    </>
  );
}
