import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { CheckIcon, PlusIcon } from "@/components/ui/icons";
import { formatCents } from "@/lib/services/budgets/money";
import type { TToolRecord } from "@/lib/services/tools/tools.service";
import { CustomToolActions } from "./custom-tool-actions";

type TInjectionRule = TToolRecord["injection"][number];

/** The input's properties as an agent is told them (the schema itself is in the tool list agents read). */
function InputSummary({ schema }: { schema: string | null | undefined }) {
  const parsed = schema ? (JSON.parse(schema) as { properties?: Record<string, unknown>; required?: string[] }) : null;
  const names = Object.keys(parsed?.properties ?? {});
  if (!parsed) return <span className="text-zinc-600 dark:text-zinc-400">Any JSON object</span>;
  if (names.length === 0) return <span className="text-zinc-600 dark:text-zinc-400">No properties</span>;
  const required = new Set(parsed.required ?? []);
  return (
    <span className="font-mono text-xs">
      {names.map((name, i) => (
        <span key={name}>
          {i > 0 ? ", " : null}
          {name}
          {required.has(name) ? null : <span className="font-sans text-zinc-500 dark:text-zinc-400"> (optional)</span>}
        </span>
      ))}
    </span>
  );
}

/** One tool of the catalog: what it calls, what it costs, what it needs and where that goes. */
export function ToolCard({ tool, highlighted = false }: { tool: TToolRecord; highlighted?: boolean }) {
  const custom = !!tool.ownerId;
  const headingId = `tool-${tool.slug}-name`;
  const fields = tool.credentialFields;
  return (
    <article
      id={`tool-${tool.slug}`}
      aria-labelledby={headingId}
      className={`flex min-w-0 scroll-mt-24 flex-col rounded-xl border bg-white shadow-sm dark:bg-zinc-900 ${
        highlighted
          ? "border-indigo-300 ring-2 ring-indigo-500/30 dark:border-indigo-700"
          : "border-zinc-200 dark:border-zinc-800"
      }`}
    >
      <div className="flex flex-1 flex-col gap-4 p-5">
        <div className="flex items-start justify-between gap-3">
          <div className="flex min-w-0 items-center gap-3">
            <ToolMonogram name={tool.name} custom={custom} />
            <div className="min-w-0">
              <h3 id={headingId} className="text-base font-semibold wrap-anywhere">
                {tool.name}
              </h3>
              <p className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{tool.slug}</p>
            </div>
          </div>
          <span className="shrink-0 whitespace-nowrap">
            <Badge tone={custom ? "info" : "neutral"}>{custom ? "Custom" : "Built-in"}</Badge>
          </span>
        </div>

        {tool.description ? (
          <p className="text-sm wrap-break-word text-zinc-600 dark:text-zinc-400">
            <InlineCode text={tool.description} />
          </p>
        ) : null}

        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-zinc-500 dark:text-zinc-400">Endpoint</dt>
          <dd className="flex min-w-0 items-center gap-2">
            <span className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] font-semibold text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
              {tool.endpoint.method}
            </span>
            <span className="truncate font-mono text-xs" title={tool.endpoint.url}>
              {hostOf(tool.endpoint.url)}
            </span>
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Cost</dt>
          <dd>
            {tool.costCents ? (
              <>
                <span className="font-medium tabular-nums">{formatCents(tool.costCents)}</span>
                <span className="text-zinc-500 dark:text-zinc-400"> per call</span>
              </>
            ) : (
              <span className="font-medium">Free</span>
            )}
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Input</dt>
          <dd className="min-w-0 wrap-anywhere">
            <InputSummary schema={tool.inputSchema} />
          </dd>
        </dl>

        <div className="rounded-lg border border-zinc-200 bg-zinc-50/70 p-3 wrap-anywhere dark:border-zinc-800 dark:bg-zinc-950/40">
          {fields.length === 0 ? (
            <p className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
              <CheckIcon className="h-4 w-4 text-emerald-600 dark:text-emerald-400" />
              No credentials needed
            </p>
          ) : (
            <>
              <h4 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Needs</h4>
              <ul className="mt-2 space-y-1.5">
                {fields.map((field) => (
                  <li key={field.key} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                    <span className="font-medium">{field.label}</span>
                    <Badge tone={field.secret ? "warning" : "neutral"}>{field.secret ? "Secret" : "Plain"}</Badge>
                    <span className="text-xs text-zinc-500 dark:text-zinc-400">{field.required ? "Required" : "Optional"}</span>
                  </li>
                ))}
              </ul>
              {tool.injection.length ? (
                <>
                  <h4 className="mt-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Sent as</h4>
                  <ul className="mt-2 space-y-1.5">
                    {describeInjection(tool.injection).map((line) => (
                      <li key={line.key} className="text-sm text-zinc-700 dark:text-zinc-300">
                        {line.text}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </>
          )}
        </div>
      </div>

      {fields.length || custom ? (
        <div className="flex flex-wrap items-center justify-end gap-2 border-t border-zinc-200 px-5 py-3 dark:border-zinc-800">
          {custom ? <CustomToolActions slug={tool.slug} name={tool.name} /> : null}
          {fields.length ? (
            <ButtonLink
              href={`/credentials/new?tool=${encodeURIComponent(tool.slug)}`}
              variant="secondary"
              size="sm"
              aria-label={`Add credential for ${tool.name}`}
            >
              <PlusIcon />
              Add credential
            </ButtonLink>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

function ToolMonogram({ name, custom }: { name: string; custom: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={`flex h-10 w-10 shrink-0 items-center justify-center rounded-lg text-sm font-semibold ring-1 ring-inset ${
        custom
          ? "bg-indigo-50 text-indigo-700 ring-indigo-200 dark:bg-indigo-950/60 dark:text-indigo-300 dark:ring-indigo-900"
          : "bg-zinc-100 text-zinc-700 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-700"
      }`}
    >
      {name.trim().charAt(0).toUpperCase() || "?"}
    </span>
  );
}

/** Renders `backticked` parts of a description as code, the rest as text. */
function InlineCode({ text }: { text: string }) {
  return text.split("`").map((part, i) =>
    i % 2 ? (
      <code key={i} className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.8em] text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
        {part}
      </code>
    ) : (
      part
    ),
  );
}

function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-white px-1 py-0.5 font-mono text-xs text-zinc-800 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-200 dark:ring-zinc-700">{children}</code>;
}

/** How the rules read to a person: basic auth as one line, a "Bearer …" header as a bearer token. */
function describeInjection(rules: TInjectionRule[]): { key: string; text: ReactNode }[] {
  const lines: { key: string; text: ReactNode }[] = [];
  const basic = rules.filter((r) => r.in === "basic_auth");
  if (basic.length) {
    lines.push({
      key: "basic",
      text: (
        <>
          HTTP basic auth{" "}
          {basic.map((r, i) => (
            <span key={r.name}>
              {i ? ", " : "("}
              {r.name} <Code>{r.template}</Code>
              {i === basic.length - 1 ? ")" : ""}
            </span>
          ))}
        </>
      ),
    });
  }
  rules.forEach((rule, i) => {
    const key = `${rule.in}-${rule.name}-${i}`;
    const where = { header: "Header", query: "Query parameter", body: "Body field", basic_auth: null }[rule.in];
    if (!where) return;
    const bearer = rule.in === "header" && /^Bearer\s+\{\{\s*\w+\s*\}\}$/i.test(rule.template);
    lines.push({
      key,
      text: bearer ? (
        <>
          Bearer token in the <Code>{rule.name}</Code> header
        </>
      ) : (
        <>
          {where} <Code>{rule.name}</Code> = <Code>{rule.template}</Code>
        </>
      ),
    });
  });
  return lines;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
