import { CopyButton } from "@/components/ui/copy-button";

/**
 * How an agent calls a tool with a budget key: the invoke route, as a curl command to copy, with the
 * tool's sample input (from its input schema: lib/services/tools/sample-input.ts), and the key itself right after it was created (else $BUDGET_KEY, which the shell
 * fills in from the environment: the key is shown only once, when it is created).
 */
/** What a curl sample needs: where, which tool, and its sample input. */
export type TTryIt = { appUrl: string; toolSlug: string; input: unknown };

export function CurlExample({ appUrl, toolSlug, input, budgetKey }: TTryIt & { budgetKey?: string }) {
  const body = JSON.stringify({ input }).replaceAll("'", "'\\''");
  const command = [
    `curl -X POST ${appUrl.replace(/\/$/, "")}/api/v1/tools/${toolSlug}/invoke \\`,
    `  -H "Authorization: Bearer ${budgetKey ?? "$BUDGET_KEY"}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${body}'`,
  ].join("\n");
  const shown = budgetKey ? command : `# first: export BUDGET_KEY=<the key, copied when you created it>\n${command}`;
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-800 bg-zinc-950 dark:border-zinc-700">
      <div className="flex items-center justify-between gap-2 border-b border-zinc-800 px-3 py-1.5">
        <span className="text-xs font-medium text-zinc-400">Shell</span>
        <CopyButton value={shown} label="Copy command" />
      </div>
      <pre className="overflow-x-auto p-4 font-mono text-[0.8125rem] leading-relaxed text-zinc-100" tabIndex={0} aria-label="Example request">
        <code>{shown}</code>
      </pre>
    </div>
  );
}
