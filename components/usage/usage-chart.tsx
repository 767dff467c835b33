import { Bar, LinePath } from "@visx/shape";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Card, CardHeader } from "@/components/ui/card";
import { formatCents } from "@/lib/services/budgets/money";
import { daysBetween } from "@/lib/services/usage/usage-store";
import type { TDayTotals } from "@/lib/services/usage/usage.service";

const WIDTH = 600;
const HEIGHT = 120;
const PAD = 4;

/** Every day of the range, oldest first, with zeros where no call was made (roll-ups skip those days). */
export function fillDays(byDay: Pick<TDayTotals, "day" | "calls" | "costCents" | "errors">[], days = 30, now = Date.now()) {
  const found = new Map(byDay.map((d) => [d.day, d]));
  return daysBetween(now - (days - 1) * 86_400_000, now)
    .reverse()
    .map((day) => ({ day, calls: found.get(day)?.calls ?? 0, costCents: found.get(day)?.costCents ?? 0, errors: found.get(day)?.errors ?? 0 }));
}

export type TChartDay = ReturnType<typeof fillDays>[number];

/**
 * Calls (bars) and spend (line) per day over 30 days, drawn on the server as SVG from the daily roll-ups.
 * The picture is labelled for screen readers, and the same figures are a table one click away.
 */
export function UsageChart({ days, description }: { days: TChartDay[]; description: string }) {
  const calls = days.reduce((n, d) => n + d.calls, 0);
  const spent = days.reduce((n, d) => n + d.costCents, 0);
  const x = scaleBand<string>({ domain: days.map((d) => d.day), range: [0, WIDTH], padding: 0.2 });
  const yCalls = scaleLinear<number>({ domain: [0, Math.max(1, ...days.map((d) => d.calls))], range: [HEIGHT - PAD, PAD] });
  const ySpend = scaleLinear<number>({ domain: [0, Math.max(1, ...days.map((d) => d.costCents))], range: [HEIGHT - PAD, PAD] });
  const summary = `${calls} call${calls === 1 ? "" : "s"} and ${formatCents(spent)} spent over the last ${days.length} days`;
  return (
    <Card>
      <CardHeader title="Last 30 days" description={description} />
      <figure className="px-5 py-4">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-28 w-full" role="img" aria-label={`Chart: ${summary}.`} preserveAspectRatio="none">
          {days.map((d) => (
            <Bar
              key={d.day}
              x={x(d.day)}
              y={yCalls(d.calls)}
              width={x.bandwidth()}
              height={HEIGHT - PAD - yCalls(d.calls)}
              className="fill-indigo-500/70 dark:fill-indigo-400/70"
            />
          ))}
          <LinePath
            data={days}
            x={(d) => (x(d.day) ?? 0) + x.bandwidth() / 2}
            y={(d) => ySpend(d.costCents)}
            className="fill-none stroke-amber-600 dark:stroke-amber-400"
            strokeWidth={2}
            vectorEffect="non-scaling-stroke"
          />
        </svg>
        <figcaption className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-zinc-600 dark:text-zinc-400">
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm bg-indigo-500/70 dark:bg-indigo-400/70" /> Calls a day
          </span>
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block h-0.5 w-4 bg-amber-600 dark:bg-amber-400" /> Spend a day
          </span>
          <span className="tabular-nums">{summary[0]!.toUpperCase() + summary.slice(1)}.</span>
        </figcaption>
        <details className="mt-2 text-sm">
          <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-indigo-700 dark:text-indigo-400">Show the figures as a table</summary>
          <div className="max-h-72 overflow-y-auto">
            <table className="w-full text-left tabular-nums">
              <caption className="sr-only">Calls, errors and spend per day, last {days.length} days</caption>
              <thead className="text-xs text-zinc-600 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">Day (UTC)</th>
                  <th scope="col" className="py-1 pr-3 text-right font-medium">Calls</th>
                  <th scope="col" className="py-1 pr-3 text-right font-medium">Errors</th>
                  <th scope="col" className="py-1 text-right font-medium">Spend</th>
                </tr>
              </thead>
              <tbody>
                {[...days].reverse().map((d) => (
                  <tr key={d.day} className="border-t border-zinc-200 dark:border-zinc-800">
                    <th scope="row" className="py-1 pr-3 font-normal">{d.day}</th>
                    <td className="py-1 pr-3 text-right">{d.calls}</td>
                    <td className="py-1 pr-3 text-right">{d.errors}</td>
                    <td className="py-1 text-right">{formatCents(d.costCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figure>
    </Card>
  );
}
