import type { ReactNode } from "react";
import { CheckCircleIcon, WarningIcon } from "@/components/ui/icons";
import { cardClass } from "@/components/ui/styles";
import { SpendMeter } from "./spend-meter";

/** The three figures at the top of a budget: spent against the limit, its tools, its keys. */
export function BudgetStats({
  spentCents,
  limitCents,
  toolCount,
  missingCount,
  activeKeys,
  revokedKeys,
}: {
  spentCents: number;
  limitCents: number | null;
  toolCount: number;
  missingCount: number;
  activeKeys: number;
  revokedKeys: number;
}) {
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
      <Stat label="Spent since the budget was created" className="col-span-2 sm:col-span-1">
        <SpendMeter spentCents={spentCents} limitCents={limitCents} size="lg" />
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          {limitCents === null ? "No limit: calls are counted, never refused for cost." : "The limit is for the budget's whole life: it never resets."}
        </p>
      </Stat>
      <Stat label="Tools">
        <p className="text-2xl font-semibold tracking-tight tabular-nums">{toolCount}</p>
        <p className="mt-2 flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
          {missingCount ? (
            <>
              <WarningIcon className="h-3.5 w-3.5 text-amber-600 dark:text-amber-400" />
              {missingCount} missing credential{missingCount > 1 ? "s" : ""}
            </>
          ) : toolCount ? (
            <>
              <CheckCircleIcon className="h-3.5 w-3.5 text-emerald-600 dark:text-emerald-400" />
              Every tool is ready
            </>
          ) : (
            "Add the tools your agent calls"
          )}
        </p>
      </Stat>
      <Stat label="Active keys">
        <p className="text-2xl font-semibold tracking-tight tabular-nums">{activeKeys}</p>
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          {revokedKeys ? `${revokedKeys} revoked` : activeKeys ? "None revoked" : "Create one for your agent"}
        </p>
      </Stat>
    </dl>
  );
}

function Stat({ label, children, className = "" }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={`${cardClass} px-5 py-4 ${className}`}>
      <dt className="text-sm font-medium text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1.5">{children}</dd>
    </div>
  );
}
