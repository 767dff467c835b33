"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormError, formLevelMessage } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { useNoticedAction } from "@/components/ui/notices";
import { CurlExample, type TTryIt } from "./curl-example";
import { createBudgetKeyAction } from "@/lib/actions/budget-keys/create-budget-key";
import { NAME_FIELD_KEY, NameField } from "./budget-fields";

/** Creates a key and shows it once; dismissing the panel forgets it. */
export function CreateKeyForm({ budgetId, tryIt }: { budgetId: string; tryIt: TTryIt | null }) {
  // The reveal panel is the feedback (and takes the focus): no notice on top of it.
  const [state, formAction, , formRef] = useNoticedAction(createBudgetKeyAction, () => null);
  const keyRef = useRef<HTMLElement>(null);
  const [name, setName] = useState("");
  const [dismissed, setDismissed] = useState<string | null>(null);
  const created = state?.ok && state.key !== dismissed ? state : null;
  const errors = state && !state.ok ? state.error : null;
  // Focus goes to the key just shown, so a keyboard or screen reader user is where the key is.
  useEffect(() => {
    if (created) keyRef.current?.focus();
  }, [created]);

  // A new result: a created key empties the name field (React's "adjust state when a value changes" pattern).
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    if (state?.ok) setName("");
  }

  return (
    <div className="space-y-4">
      {created ? (
        <div role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950/40">
          <p className="text-sm font-semibold text-emerald-900 dark:text-emerald-200">Key “{created.budgetKey.name}” created</p>
          <p className="mt-1 text-sm text-emerald-900/80 dark:text-emerald-200/80">
            Copy it now and store it where your agent reads its secrets. <strong className="font-semibold">It will not be shown again.</strong>
          </p>
          <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
            <code
              className="block min-w-0 flex-1 overflow-x-auto rounded-md border border-emerald-200 bg-white px-3 py-2 font-mono text-sm whitespace-nowrap text-zinc-900 dark:border-emerald-900 dark:bg-zinc-950 dark:text-zinc-100"
              ref={keyRef}
              aria-label="New budget key"
              tabIndex={0}
            >
              {created.key}
            </code>
            <div className="flex gap-2">
              <CopyButton value={created.key} label="Copy key" />
              <Button variant="ghost" size="sm" onClick={() => setDismissed(created.key)}>
                Done
              </Button>
            </div>
          </div>
          {tryIt ? (
            <div className="mt-4">
              <p className="mb-2 text-sm text-emerald-900/80 dark:text-emerald-200/80">Try it from a terminal (the command holds the key: copy it now too):</p>
              <CurlExample {...tryIt} budgetKey={created.key} />
            </div>
          ) : null}
        </div>
      ) : null}
      <form ref={formRef} action={formAction} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
        <input type="hidden" name="budgetId" value={budgetId} />
        <div className="flex-1 sm:max-w-sm">
          <NameField id="key-name" label="Key name" value={name} onChange={setName} errors={errors?.fieldErrors} help="Where it is used, e.g. “staging agent”." />
        </div>
        <div className="sm:pt-7">
          <SubmitButton pendingText="Creating…">Create key</SubmitButton>
        </div>
      </form>
      <FormError message={formLevelMessage(errors, [NAME_FIELD_KEY])} />
    </div>
  );
}
