"use client";

import { describedBy } from "@/components/ui/form-field";
import { inputClass } from "@/components/ui/styles";

/** A dollar amount with a "$" adornment; the server parses and validates it. */
export function LimitInput({ id, value, onChange, invalid }: { id: string; value: string; onChange: (value: string) => void; invalid: boolean }) {
  return (
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
        aria-invalid={invalid}
        className={`${inputClass} pl-7 tabular-nums`}
      />
    </div>
  );
}
