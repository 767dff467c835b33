import { formatCents } from "@/lib/services/budgets/money";

/** Spent against the limit: the amounts and a bar that turns amber near the limit and red at it. */
export function SpendMeter({ spentCents, limitCents, size = "sm" }: { spentCents: number; limitCents: number | null; size?: "sm" | "lg" }) {
  const spent = formatCents(spentCents);
  if (limitCents === null) {
    return (
      <div>
        <p className={size === "lg" ? "text-2xl font-semibold tracking-tight tabular-nums" : "text-sm font-medium tabular-nums"}>
          {spent}
          <span className={`font-normal text-zinc-500 dark:text-zinc-400 ${size === "lg" ? "ml-1.5 text-sm" : "ml-1"}`}>spent · no limit</span>
        </p>
        <div className={`mt-2 rounded-full bg-[repeating-linear-gradient(135deg,var(--color-zinc-200)_0_6px,transparent_6px_12px)] dark:bg-[repeating-linear-gradient(135deg,var(--color-zinc-800)_0_6px,transparent_6px_12px)] ${size === "lg" ? "h-2" : "h-1.5"}`} aria-hidden="true" />
      </div>
    );
  }
  const ratio = limitCents === 0 ? 1 : spentCents / limitCents;
  const percent = Math.min(100, Math.round(ratio * 100));
  const tone = ratio >= 1 ? "bg-red-500" : ratio >= 0.8 ? "bg-amber-500" : "bg-indigo-500";
  return (
    <div>
      <p className={size === "lg" ? "text-2xl font-semibold tracking-tight tabular-nums" : "text-sm font-medium tabular-nums"}>
        {spent}
        <span className={`font-normal text-zinc-500 dark:text-zinc-400 ${size === "lg" ? "ml-1.5 text-sm" : "ml-1"}`}>of {formatCents(limitCents)}</span>
      </p>
      <div
        role="meter"
        aria-label="Spent of the spending limit"
        aria-valuemin={0}
        aria-valuemax={limitCents}
        aria-valuenow={Math.min(spentCents, limitCents)}
        aria-valuetext={`${spent} of ${formatCents(limitCents)} (${percent}%)`}
        className={`mt-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800 ${size === "lg" ? "h-2" : "h-1.5"}`}
      >
        <div className={`h-full rounded-full ${tone}`} style={{ width: `${Math.max(percent, spentCents > 0 ? 2 : 0)}%` }} />
      </div>
      {size === "lg" ? (
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          {ratio >= 1 ? "Limit reached: agents' paid calls are refused." : `${formatCents(limitCents - spentCents)} left (${100 - percent}%)`}
        </p>
      ) : null}
    </div>
  );
}
