"use client";

import type { ReactNode } from "react";
import { FormField, describedBy } from "@/components/ui/form-field";
import { TextField } from "@/components/ui/text-field";
import { inputClass } from "@/components/ui/styles";
import type { TFieldErrors } from "@/lib/services/errors";

// The fields the budget forms share (create and edit a budget, create a key): a name, and a spending
// limit in dollars. Controlled, so a rejected submission keeps what was typed (React resets uncontrolled
// fields after a form action). Each shows the server's errors for its entry: `name`, `limitCents`.

type TFieldProps = { id: string; value: string; onChange: (value: string) => void; errors?: TFieldErrors; help?: ReactNode };

/** The error keys the fields show, for formLevelMessage. */
export const NAME_FIELD_KEY = "name";
export const LIMIT_FIELD_KEY = "limitCents";

/** A required name of at most 100 characters, sent as `name`. */
export function NameField({ id, label = "Name", value, onChange, errors, help }: TFieldProps & { label?: string }) {
  return (
    <TextField
      id={id}
      label={label}
      required
      errors={errors?.[NAME_FIELD_KEY]}
      help={help}
      name="name"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      maxLength={100}
      autoComplete="off"
    />
  );
}

/** A dollar amount with a "$" adornment, sent as `limit`; the server parses and validates it. */
export function LimitField({ id, value, onChange, errors, help }: TFieldProps) {
  const fieldErrors = errors?.[LIMIT_FIELD_KEY];
  return (
    <FormField id={id} label="Spending limit" errors={fieldErrors} help={help}>
      <div className="relative">
        <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-zinc-500 dark:text-zinc-400" aria-hidden="true">
          $
        </span>
        <input
          id={id}
          name="limit"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          inputMode="decimal"
          placeholder="25.00"
          autoComplete="off"
          aria-describedby={describedBy(id)}
          aria-invalid={!!fieldErrors}
          className={`${inputClass} pl-7 tabular-nums`}
        />
      </div>
    </FormField>
  );
}
