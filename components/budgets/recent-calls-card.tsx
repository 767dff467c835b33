import { CallStatus } from "./call-status";
import { CallError } from "./call-error";
import { Card, CardHeader } from "@/components/ui/card";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatCents } from "@/lib/services/budgets/money";
import type { ReactNode } from "react";
import type { TUsageView } from "@/lib/services/usage/usage.service";
import { CurlExample, type TTryIt } from "./curl-example";

/**
 * A page of the budget's calls, newest first: a list on phones, a table on wider screens, `pager` below.
 * With none yet, a command to try. `toolName` names a call's tool (its slug when the tool is gone).
 */
export function RecentCallsCard({
  calls,
  toolName,
  tryIt,
  pager,
}: {
  calls: TUsageView[];
  toolName: (slug: string) => string;
  tryIt: TTryIt;
  pager?: ReactNode;
}) {
  return (
    <Card>
      <CardHeader title="Recent calls" description="The tool calls made with this budget's keys, newest first, 20 a page." />
      {calls.length ? (
        <>
          <ul className="divide-y divide-zinc-200 sm:hidden dark:divide-zinc-800">
            {calls.map((call) => (
              <li key={call.requestId} className="px-5 py-3 text-sm">
                <div className="flex items-center justify-between gap-3">
                  <p className="min-w-0 truncate font-medium">{toolName(call.toolSlug)}</p>
                  <CallStatus status={call.status} />
                </div>
                {call.errorCode ? (
                  <div className="mt-1">
                    <CallError code={call.errorCode} />
                  </div>
                ) : null}
                <p className="mt-1 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
                  {call.latencyMs} ms · {formatCents(call.costCents)} · <TimeAgo date={call.at} />
                </p>
              </li>
            ))}
          </ul>
          <div className="hidden overflow-x-auto sm:block">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <caption className="sr-only">Recent calls</caption>
              <thead className="bg-zinc-50 text-xs font-medium text-zinc-600 dark:bg-zinc-950/30 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-5 py-2 font-medium">Tool</th>
                  <th scope="col" className="px-3 py-2 font-medium">Status</th>
                  <th scope="col" className="px-3 py-2 font-medium">Error</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Latency</th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">Cost</th>
                  <th scope="col" className="px-5 py-2 text-right font-medium">Time</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {calls.map((call) => (
                  <tr key={call.requestId}>
                    <td className="px-5 py-2.5 font-medium whitespace-nowrap">{toolName(call.toolSlug)}</td>
                    <td className="px-3 py-2.5">
                      <CallStatus status={call.status} />
                    </td>
                    <td className="px-3 py-2.5">
                      {call.errorCode ? <CallError code={call.errorCode} /> : <span className="text-zinc-400 dark:text-zinc-500">—</span>}
                    </td>
                    <td className="px-3 py-2.5 text-right tabular-nums">{call.latencyMs} ms</td>
                    <td className="px-3 py-2.5 text-right tabular-nums">{formatCents(call.costCents)}</td>
                    <td className="px-5 py-2.5 text-right whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                      <TimeAgo date={call.at} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pager}
        </>
      ) : (
        <div className="px-5 py-6">
          <p className="text-sm font-medium">No calls yet</p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Calls show up here as soon as an agent uses one of this budget&apos;s keys. Try it from a terminal:
          </p>
          <div className="mt-3">
            <CurlExample {...tryIt} />
          </div>
        </div>
      )}
    </Card>
  );
}
