import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { AddToolForm, type TToolOption } from "./add-tool-form";
import { BudgetToolRow, type TBudgetTool } from "./budget-tool-row";

/** The tools a budget's keys may call, each with its credential, and the form that adds one more. */
export function BudgetToolsCard({ budgetId, tools, addable }: { budgetId: string; tools: TBudgetTool[]; addable: TToolOption[] }) {
  return (
    <Card>
      <CardHeader title="Tools" description="What agents may call with this budget's keys, and the credential each call uses." />
      {tools.length === 0 ? (
        <div className="px-5 py-8 text-center">
          <p className="text-sm font-medium">No tools yet</p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Add a tool below; agents can call nothing until you do.</p>
        </div>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {tools.map((tool) => (
            <BudgetToolRow key={tool.slug} budgetId={budgetId} tool={tool} />
          ))}
        </ul>
      )}
      <div className="rounded-b-xl border-t border-zinc-200 bg-zinc-50 px-5 py-4 dark:border-zinc-800 dark:bg-zinc-950/30">
        {addable.length ? (
          <AddToolForm budgetId={budgetId} tools={addable} />
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Every tool in your catalog is in this budget. <Link href="/tools" className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-400">Define a custom tool</Link> to add more.
          </p>
        )}
      </div>
    </Card>
  );
}
