"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useNoticedAction } from "@/components/ui/notices";
import { FormError, formLevelMessage } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { createBudgetAction } from "@/lib/actions/budgets/create-budget";
import { LIMIT_FIELD_KEY, LimitField, NAME_FIELD_KEY, NameField } from "./budget-fields";

export function CreateBudgetForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [limit, setLimit] = useState("");
  const [state, formAction, , formRef] = useNoticedAction(createBudgetAction, (result) => {
    router.push(result.redirectTo);
    return `Budget “${name.trim()}” created. Add its tools and a key next.`;
  });
  const errors = state && !state.ok ? state.error : null;
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <NameField id="budget-name" value={name} onChange={setName} errors={errors?.fieldErrors} help="What the agents using it do, e.g. “Research agent”." />
      <LimitField id="budget-limit" value={limit} onChange={setLimit} errors={errors?.fieldErrors} help="In dollars. Leave empty for no limit." />
      <FormError message={formLevelMessage(errors, [NAME_FIELD_KEY, LIMIT_FIELD_KEY])} />
      <SubmitButton pendingText="Creating…">Create budget</SubmitButton>
    </form>
  );
}
