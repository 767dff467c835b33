"use client";

import { useActionState, useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { TextField } from "@/components/ui/text-field";
import { FormError, formLevelMessage } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { createBudgetAction } from "@/lib/actions/budgets/create-budget";
import { LimitInput } from "./limit-input";

export function CreateBudgetForm() {
  const [state, formAction] = useActionState(createBudgetAction, null);
  // Controlled, so a rejected submission keeps what was typed (React resets uncontrolled fields).
  const [name, setName] = useState("");
  const [limit, setLimit] = useState("");
  const errors = state && !state.ok ? state.error : null;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <TextField
        id="budget-name"
        label="Name"
        required
        errors={errors?.fieldErrors?.name}
        help="What the agents using it do, e.g. “Research agent”."
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={100}
        autoComplete="off"
      />
      <FormField id="budget-limit" label="Spending limit" errors={errors?.fieldErrors?.limitCents} help="In dollars. Leave empty for no limit.">
        <LimitInput id="budget-limit" value={limit} onChange={setLimit} invalid={!!errors?.fieldErrors?.limitCents} />
      </FormField>
      <FormError message={formLevelMessage(errors, ["name", "limitCents"])} />
      <SubmitButton pendingText="Creating…">Create budget</SubmitButton>
    </form>
  );
}
