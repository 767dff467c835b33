"use client";

import { useState } from "react";
import { useNoticedAction } from "@/components/ui/notices";
import { FormError, formLevelMessage } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateBudgetAction } from "@/lib/actions/budgets/update-budget";
import { LIMIT_FIELD_KEY, LimitField, NAME_FIELD_KEY, NameField } from "./budget-fields";

export function EditBudgetForm({ budgetId, name: savedName, limit: savedLimit }: { budgetId: string; name: string; limit: string }) {
  const [state, formAction, , formRef] = useNoticedAction(updateBudgetAction, () => "Budget saved.");
  const [name, setName] = useState(savedName);
  const [limit, setLimit] = useState(savedLimit);
  // Once saved, show what the server stored (e.g. "25" comes back as "25.00").
  const [saved, setSaved] = useState({ name: savedName, limit: savedLimit });
  if (saved.name !== savedName || saved.limit !== savedLimit) {
    setSaved({ name: savedName, limit: savedLimit });
    setName(savedName);
    setLimit(savedLimit);
  }
  const errors = state && !state.ok ? state.error : null;
  const changed = name !== savedName || limit !== savedLimit;
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="budgetId" value={budgetId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <NameField id="edit-budget-name" value={name} onChange={setName} errors={errors?.fieldErrors} />
        <LimitField id="edit-budget-limit" value={limit} onChange={setLimit} errors={errors?.fieldErrors} help="In dollars. Empty means no limit." />
      </div>
      <FormError message={formLevelMessage(errors, [NAME_FIELD_KEY, LIMIT_FIELD_KEY])} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {state?.ok && !changed ? "Saved." : changed ? "Unsaved changes" : ""}
        </p>
      </div>
    </form>
  );
}
