import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { CheckCircleIcon, ChevronRightIcon } from "@/components/ui/icons";
import { CurlExample, type TTryIt } from "@/components/budgets/curl-example";
import type { TGettingStarted, TStepId } from "@/lib/services/overview/getting-started";

const COPY: Record<TStepId, { title: string; todo: string; done: string }> = {
  credential: {
    title: "Add a credential",
    todo: "Pick the tool and store its API key or password. It is encrypted before it reaches the database, and never shown again.",
    done: "You have stored a credential.",
  },
  budget: {
    title: "Create a budget",
    todo: "A budget says which tools an agent may call and how much it may spend.",
    done: "You have a budget.",
  },
  tool: {
    title: "Add a tool to the budget and bind its credential",
    todo: "Add the tool to the budget, then choose which of your credentials its calls use.",
    done: "A tool of your budget is ready to call.",
  },
  key: {
    title: "Create a budget key",
    todo: "The key is what your agent sends. It is shown once: copy it where the agent reads its secrets.",
    done: "Your budget has a key.",
  },
  call: {
    title: "Make the first call",
    todo: "Run the command below with the key you copied, or give the key to your agent.",
    done: "An agent has called a tool with your key.",
  },
};

/** The checklist from nothing to a first agent call, each step linking to where it is done. */
export function GettingStarted({ state, tryIt }: { state: TGettingStarted; tryIt: TTryIt | null }) {
  const next = state.steps.find((s) => !s.done)?.id;
  const doneCount = state.steps.filter((s) => s.done).length;
  return (
    <Card>
      <CardHeader
        title="Get started"
        description={`${doneCount} of ${state.steps.length} done. Your agent calls tools through Vaultline, which adds the credential: the agent never sees it.`}
      />
      <ol className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {state.steps.map((step, i) => {
          const copy = COPY[step.id];
          const current = step.id === next;
          return (
            <li key={step.id} className="flex gap-4 px-5 py-4" aria-current={current ? "step" : undefined}>
              <span
                className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${
                  step.done
                    ? "text-emerald-600 dark:text-emerald-400"
                    : current
                      ? "bg-indigo-600 text-white"
                      : "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300"
                }`}
                aria-hidden="true"
              >
                {step.done ? <CheckCircleIcon className="h-6 w-6" /> : i + 1}
              </span>
              <div className="min-w-0 flex-1">
                <h3 className={`text-sm font-semibold ${step.done ? "text-zinc-500 dark:text-zinc-400" : ""}`}>
                  {copy.title}
                  <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
                </h3>
                <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{step.done ? copy.done : copy.todo}</p>
                {!step.done && step.id === "call" && tryIt ? (
                  <div className="mt-3">
                    <CurlExample {...tryIt} />
                  </div>
                ) : null}
                {!step.done && current ? (
                  <Link
                    href={step.href}
                    className="mt-2 inline-flex min-h-10 items-center gap-1 rounded text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-400"
                  >
                    {copy.title}
                    <ChevronRightIcon />
                  </Link>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
