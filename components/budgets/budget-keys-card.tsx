import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TimeAgo } from "@/components/ui/time-ago";
import { revokeBudgetKeyAction } from "@/lib/actions/budget-keys/revoke-budget-key";
import type { TBudgetKeyRecord } from "@/lib/services/budget-keys/budget-keys.service";
import { CreateKeyForm } from "./create-key-form";
import type { TTryIt } from "./curl-example";

type TKey = Pick<TBudgetKeyRecord, "keyId" | "name" | "prefix" | "createdAt" | "lastUsedAt" | "revokedAt">;

/** The form that creates a budget key (shown once), then every key by name and prefix. */
export function BudgetKeysCard({ budgetId, keys, tryIt }: { budgetId: string; keys: TKey[]; tryIt: TTryIt | null }) {
  return (
    <Card>
      <CardHeader title="Budget keys" description="Agents send one as a bearer token. Each key is shown once, when it is created." />
      <div className="px-5 py-5">
        <CreateKeyForm budgetId={budgetId} tryIt={tryIt} />
      </div>
      {keys.length ? (
        <div className="border-t border-zinc-200 dark:border-zinc-800">
          <div className="hidden grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_8rem_8rem_7rem] gap-4 bg-zinc-50 px-5 py-2 text-xs font-medium text-zinc-600 md:grid dark:bg-zinc-950/30 dark:text-zinc-400" aria-hidden="true">
            <span>Name</span>
            <span>Key</span>
            <span>Created</span>
            <span>Last used</span>
            <span className="text-right">Status</span>
          </div>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {keys.map((key) => (
              <BudgetKeyRow key={key.keyId} budgetKey={key} />
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}

function BudgetKeyRow({ budgetKey: key }: { budgetKey: TKey }) {
  return (
    <li className="grid grid-cols-2 gap-x-4 gap-y-2 px-5 py-3 text-sm md:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)_7rem_7rem_10rem] md:items-center">
      <p className={`col-span-2 truncate font-medium md:col-span-1 ${key.revokedAt ? "text-zinc-500 line-through dark:text-zinc-400" : ""}`}>{key.name}</p>
      <p className="col-span-2 md:col-span-1">
        <span className="sr-only">Key starts with </span>
        <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">{key.prefix}…</code>
      </p>
      <p className="text-zinc-600 dark:text-zinc-400">
        <span className="text-xs text-zinc-500 md:hidden dark:text-zinc-400">Created </span>
        <TimeAgo date={key.createdAt} />
      </p>
      <p className="text-zinc-600 dark:text-zinc-400">
        <span className="text-xs text-zinc-500 md:hidden dark:text-zinc-400">Last used </span>
        <TimeAgo date={key.lastUsedAt} />
      </p>
      <div className="col-span-2 flex items-center justify-between gap-2 md:col-span-1 md:justify-end">
        {key.revokedAt ? (
          <span className="whitespace-nowrap">
            <Badge tone="neutral">
              Revoked <TimeAgo date={key.revokedAt} />
            </Badge>
          </span>
        ) : (
          <>
            <Badge tone="success">Active</Badge>
            <ConfirmDialog
              trigger={{ label: "Revoke", ariaLabel: `Revoke key ${key.name}`, variant: "ghost", size: "sm" }}
              title={`Revoke “${key.name}”?`}
              description={
                <>
                  Agents using <code className="font-mono">{key.prefix}…</code> are refused from their next call. This cannot be undone.
                </>
              }
              confirmLabel="Revoke key"
              pendingText="Revoking…"
              action={revokeBudgetKeyAction}
              fields={{ keyId: key.keyId }}
              notice={`Key “${key.name}” revoked.`}
            />
          </>
        )}
      </div>
    </li>
  );
}
