import { CallStatus } from "./call-status";
import { CallError } from "./call-error";
import { errorCodeInfo } from "@/lib/services/invoke/error-codes";
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
  filters,
  filtered = false,
}: {
  calls: TUsageView[];
  toolName: (slug: string) => string;
  tryIt: TTryIt;
  pager?: ReactNode;
  /** The filter form, above the list. */
  filters?: ReactNode;
  /** Whether a filter is applied (an empty list then means no match, not no calls). */
  filtered?: boolean;
}) {
  return (
    <Card>
      <CardHeader title="Recent calls" description="The tool calls made with this budget's keys, newest first, 20 a page." />
      {filters}
      {calls.length === 0 && filtered ? (
        <>
          <div className="px-5 py-6">
            <h3 className="text-sm font-medium">No call matches these filters</h3>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Change a filter, or clear them to see every call.</p>
          </div>
          {pager}
        </>
      ) : calls.length ? (
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
                <CallDetail call={call} toolName={toolName(call.toolSlug)} />
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
                  <th scope="col" className="px-3 py-2 text-right font-medium">Time</th>
                  <th scope="col" className="px-5 py-2 font-medium">Request</th>
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
                    <td className="px-3 py-2.5 text-right whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                      <TimeAgo date={call.at} />
                    </td>
                    <td className="px-5 py-2.5">
                      <CallDetail call={call} toolName={toolName(call.toolSlug)} />
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
          <h3 className="text-sm font-medium">No calls yet</h3>
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

/** One call in full: its request id (what the agent was told), status, duration, cost and error, opened in place. */
function CallDetail({ call, toolName }: { call: TUsageView; toolName: string }) {
  return (
    <details className="mt-1 text-xs sm:mt-0">
      <summary className="inline-flex min-h-11 cursor-pointer items-center font-mono text-indigo-700 sm:min-h-0 dark:text-indigo-400">
        <span className="sr-only">Details of call </span>
        {call.requestId.slice(0, 8)}
      </summary>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-zinc-700 dark:text-zinc-300">
        <dt className="text-zinc-500 dark:text-zinc-400">Request id</dt>
        <dd className="font-mono break-all">{call.requestId}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Tool</dt>
        <dd>{toolName}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Status</dt>
        <dd className="tabular-nums">{call.status}{call.vendorStatus !== null ? ` (vendor ${call.vendorStatus})` : ""}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Duration</dt>
        <dd className="tabular-nums">{call.latencyMs} ms</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Cost</dt>
        <dd className="tabular-nums">{formatCents(call.costCents)}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Time</dt>
        <dd>{call.at.toISOString()}</dd>
        {call.errorCode ? (
          <>
            <dt className="text-zinc-500 dark:text-zinc-400">Error</dt>
            <dd>
              <ErrorMeaning code={call.errorCode} />
            </dd>
          </>
        ) : null}
      </dl>
    </details>
  );
}

function ErrorMeaning({ code }: { code: string }) {
  const info = errorCodeInfo(code);
  return (
    <>
      <code className="font-mono">{code}</code>
      {info ? (
        <>
          {" "}{info.meaning} <span className="font-medium">Fix:</span> {info.fix}
        </>
      ) : null}
    </>
  );
}
