"use client";

import { useActionState, useEffect, useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { TextField } from "@/components/ui/text-field";
import { FormError, formLevelMessage } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateBudgetAction } from "@/lib/actions/budgets/update-budget";
import { LimitInput } from "./limit-input";

export function EditBudgetForm({ budgetId, name: savedName, limit: savedLimit }: { budgetId: string; name: string; limit: string }) {
  const [state, formAction] = useActionState(updateBudgetAction, null);
  const [name, setName] = useState(savedName);
  const [limit, setLimit] = useState(savedLimit);
  // Once saved, show what the server stored (e.g. "25" comes back as "25.00").
  useEffect(() => {
    setName(savedName);
    setLimit(savedLimit);
  }, [savedName, savedLimit]);
  const errors = state && !state.ok ? state.error : null;
  const changed = name !== savedName || limit !== savedLimit;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="budgetId" value={budgetId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="edit-budget-name"
          label="Name"
          required
          errors={errors?.fieldErrors?.name}
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          autoComplete="off"
        />
        <FormField id="edit-budget-limit" label="Spending limit" errors={errors?.fieldErrors?.limitCents} help="In dollars. Empty means no limit.">
          <LimitInput id="edit-budget-limit" value={limit} onChange={setLimit} invalid={!!errors?.fieldErrors?.limitCents} />
        </FormField>
      </div>
      <FormError message={formLevelMessage(errors, ["name", "limitCents"])} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {state?.ok && !changed ? "Saved." : changed ? "Unsaved changes" : ""}
        </p>
      </div>
    </form>
  );
}
