"use client";

import { useState } from "react";
import { useNoticedAction } from "@/components/ui/notices";
import { FormError, formLevelMessage } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputClass } from "@/components/ui/styles";
import { addBudgetToolAction } from "@/lib/actions/budgets/add-budget-tool";

export type TToolOption = { slug: string; name: string; needsCredentials: boolean };

/** Adds one of the tools not yet in the budget. */
export function AddToolForm({ budgetId, tools }: { budgetId: string; tools: TToolOption[] }) {
  const nameOf = (slug: string) => tools.find((t) => t.slug === slug)?.name ?? slug;
  const [state, formAction, , formRef] = useNoticedAction(addBudgetToolAction, ({ toolSlug, boundCredentialName }) =>
    boundCredentialName
      ? `${nameOf(toolSlug)} added, and bound to your credential “${boundCredentialName}” (your only one for it).`
      : `${nameOf(toolSlug)} added to the budget.`,
  );
  const [selected, setSelected] = useState(tools[0]?.slug ?? "");
  const errors = state && !state.ok ? state.error : null;
  // After an add, the list shrinks: fall back to the first tool still available.
  const value = tools.some((t) => t.slug === selected) ? selected : (tools[0]?.slug ?? "");
  return (
    <form ref={formRef} action={formAction}>
      <input type="hidden" name="budgetId" value={budgetId} />
      <label htmlFor="add-tool" className="block text-sm font-medium">
        Add a tool
      </label>
      <div className="mt-1.5 flex flex-col gap-2 sm:flex-row">
        <select
          id="add-tool"
          name="toolSlug"
          value={value}
          onChange={(e) => setSelected(e.target.value)}
          aria-describedby="add-tool-desc"
          aria-invalid={!!errors?.fieldErrors?.toolSlug}
          className={`${inputClass} sm:max-w-sm`}
        >
          {tools.map((tool) => (
            <option key={tool.slug} value={tool.slug}>
              {tool.name}
              {tool.needsCredentials ? "" : " (no credential needed)"}
            </option>
          ))}
        </select>
        <SubmitButton variant="secondary" pendingText="Adding…">
          Add tool
        </SubmitButton>
      </div>
      <div id="add-tool-desc">
        {errors?.fieldErrors?.toolSlug ? (
          <p className="mt-1.5 text-sm text-red-600 dark:text-red-400">{errors.fieldErrors.toolSlug.join(" ")}</p>
        ) : (
          <p className="mt-1.5 text-xs text-zinc-600 dark:text-zinc-400">The budget&apos;s keys can call only the tools listed here.</p>
        )}
      </div>
      {errors ? (
        <div className="mt-2">
          <FormError message={formLevelMessage(errors, ["toolSlug"])} />
        </div>
      ) : null}
    </form>
  );
}
