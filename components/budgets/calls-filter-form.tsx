import { AGENT_ERROR_CODES } from "@/lib/services/invoke/error-codes";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/styles";
import type { TUsageFilter } from "@/lib/services/usage/usage.service";

// The call log's filters are URL parameters (a GET form: a filtered log is a link to share):
// tool, status (ok | error), code, request.

/** The filter a page's search parameters ask for. */
export function callFilterFrom(params: Record<string, string | string[] | undefined>): TUsageFilter {
  const one = (name: string) => (typeof params[name] === "string" ? (params[name] as string).trim().slice(0, 200) : "");
  const status = one("status");
  return { toolSlug: one("tool") || null, status: status === "ok" || status === "error" ? status : null, errorCode: one("code") || null, requestId: one("request") || null };
}

/** The query string of a filter (without the cursor), "" when nothing is filtered. */
export function callFilterQuery(filter: TUsageFilter): string {
  const q = new URLSearchParams();
  if (filter.toolSlug) q.set("tool", filter.toolSlug);
  if (filter.status) q.set("status", filter.status);
  if (filter.errorCode) q.set("code", filter.errorCode);
  if (filter.requestId) q.set("request", filter.requestId);
  return q.toString();
}

const labelClass = "block text-sm font-medium text-zinc-900 dark:text-zinc-100";

export function CallsFilterForm({ action, filter, tools }: { action: string; filter: TUsageFilter; tools: { slug: string; name: string }[] }) {
  return (
    <form method="get" action={action} role="search" aria-label="Filter calls" className="grid gap-3 border-b border-zinc-200 px-5 py-4 sm:grid-cols-2 lg:grid-cols-5 dark:border-zinc-800">
      <div>
        <label htmlFor="calls-tool" className={labelClass}>Tool</label>
        <select id="calls-tool" name="tool" defaultValue={filter.toolSlug ?? ""} className={`${inputClass} mt-1.5`}>
          <option value="">Any tool</option>
          {tools.map((t) => (
            <option key={t.slug} value={t.slug}>{t.name}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="calls-status" className={labelClass}>Status</label>
        <select id="calls-status" name="status" defaultValue={filter.status ?? ""} className={`${inputClass} mt-1.5`}>
          <option value="">Any</option>
          <option value="ok">Succeeded</option>
          <option value="error">Failed</option>
        </select>
      </div>
      <div>
        <label htmlFor="calls-code" className={labelClass}>Error code</label>
        <select id="calls-code" name="code" defaultValue={filter.errorCode ?? ""} className={`${inputClass} mt-1.5 font-mono`}>
          <option value="">Any</option>
          {Object.keys(AGENT_ERROR_CODES).sort().map((code) => (
            <option key={code} value={code}>{code}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="calls-request" className={labelClass}>Request id</label>
        <input id="calls-request" name="request" defaultValue={filter.requestId ?? ""} autoComplete="off" spellCheck={false} className={`${inputClass} mt-1.5 font-mono`} />
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass({ variant: "secondary" })}>Filter</button>
        <a href={`${action}#recent-calls`} className={buttonClass({ variant: "ghost" })}>Clear</a>
      </div>
    </form>
  );
}
