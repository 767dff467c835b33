"use client";

import { useState } from "react";
import { useNoticedAction } from "@/components/ui/notices";
import { FormError, formLevelMessage } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { updateBudgetGuardrailsAction } from "@/lib/actions/budgets/update-budget-guardrails";

// The budget's spend caps (dollars per day, week, month and call, in its time zone) and rate limits.
// Each field shows the server's errors for its entry.

export type TGuardrailValues = { day: string; week: string; month: string; perCall: string; timeZone: string; budgetRate: string; keyRate: string };

const FIELDS: { key: keyof TGuardrailValues; errorKey: string; label: string; help: string; inputMode: "decimal" | "numeric" | "text" }[] = [
  { key: "day", errorKey: "dayLimitCents", label: "Daily cap ($)", help: "Per calendar day in the time zone. Empty: none.", inputMode: "decimal" },
  { key: "week", errorKey: "weekLimitCents", label: "Weekly cap ($)", help: "Monday to Sunday. Empty: none.", inputMode: "decimal" },
  { key: "month", errorKey: "monthLimitCents", label: "Monthly cap ($)", help: "Per calendar month. Empty: none.", inputMode: "decimal" },
  { key: "perCall", errorKey: "perCallLimitCents", label: "Per-call cap ($)", help: "A tool costing more is refused before the vendor.", inputMode: "decimal" },
  { key: "timeZone", errorKey: "timeZone", label: "Time zone", help: "IANA name, e.g. Europe/Paris. Empty: UTC.", inputMode: "text" },
  { key: "budgetRate", errorKey: "rateLimitPerMinute", label: "Calls per minute, whole budget", help: "Empty: the server's default; 0: no limit.", inputMode: "numeric" },
  { key: "keyRate", errorKey: "keyRateLimitPerMinute", label: "Calls per minute, per key", help: "For keys without their own limit.", inputMode: "numeric" },
];

export function GuardrailsForm({ budgetId, saved }: { budgetId: string; saved: TGuardrailValues }) {
  const [state, formAction, , formRef] = useNoticedAction(updateBudgetGuardrailsAction, () => "Caps saved.");
  const [values, setValues] = useState(saved);
  const [last, setLast] = useState(saved);
  if (JSON.stringify(last) !== JSON.stringify(saved)) {
    setLast(saved);
    setValues(saved);
  }
  const errors = state && !state.ok ? state.error : null;
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="budgetId" value={budgetId} />
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map((f) => (
          <TextField
            key={f.key}
            id={`guardrail-${f.key}`}
            label={f.label}
            help={f.help}
            errors={errors?.fieldErrors?.[f.errorKey]}
            name={f.key}
            value={values[f.key]}
            onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
            inputMode={f.inputMode}
            autoComplete="off"
          />
        ))}
      </div>
      <FormError message={formLevelMessage(errors, FIELDS.map((f) => f.errorKey))} />
      <SubmitButton pendingText="Saving…">Save caps</SubmitButton>
    </form>
  );
}
