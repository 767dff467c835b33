"use client";

import { useId, useState } from "react";
import { useNoticedAction } from "@/components/ui/notices";
import { FormError, formLevelMessage } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputClass } from "@/components/ui/styles";
import { bindCredentialAction } from "@/lib/actions/bindings/bind-credential";

/** What the picker may show of a credential: its name and the masked display of its secret. */
export type TCredentialOption = { id: string; name: string; masked: string; hint: string | null };

/**
 * Picks which credential of the tool's integration this budget uses (only those are listed): for that
 * tool alone, or, given `integrationSlug`, for every tool of the integration (what a setup link does).
 */
export function BindCredentialForm({
  budgetId,
  toolSlug,
  integrationSlug,
  toolName,
  credentials,
  boundId,
}: {
  budgetId: string;
  toolSlug: string;
  integrationSlug?: string;
  toolName: string;
  credentials: TCredentialOption[];
  boundId: string | null;
}) {
  const [selected, setSelected] = useState(boundId ?? credentials[0]?.id ?? "");
  const [state, formAction, , formRef] = useNoticedAction(
    bindCredentialAction,
    () => `${toolName} now uses the credential “${credentials.find((c) => c.id === selected)?.name ?? ""}” in this budget.`,
  );
  const id = useId();
  const errors = state && !state.ok ? state.error : null;
  const fieldError = errors?.fieldErrors?.credentialId;
  return (
    <form ref={formRef} action={formAction} className="min-w-0">
      <input type="hidden" name="budgetId" value={budgetId} />
      {integrationSlug ? <input type="hidden" name="integrationSlug" value={integrationSlug} /> : <input type="hidden" name="toolSlug" value={toolSlug} />}
      <label htmlFor={`${id}-credential`} className="sr-only">
        {boundId ? `Change the ${toolName} credential` : `Bind an existing ${toolName} credential`}
      </label>
      <div className="flex gap-2">
        <select
          id={`${id}-credential`}
          name="credentialId"
          value={selected}
          onChange={(e) => setSelected(e.target.value)}
          aria-invalid={!!fieldError}
          aria-describedby={`${id}-desc`}
          className={`${inputClass} min-w-0 py-1.5`}
        >
          {credentials.map((credential) => (
            <option key={credential.id} value={credential.id}>
              {credential.hint ? `${credential.name} (…${credential.hint})` : credential.name}
            </option>
          ))}
        </select>
        {boundId && selected === boundId ? (
          <button type="submit" disabled className="shrink-0 rounded-lg border border-zinc-200 px-3 text-xs font-medium text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            Bound
            <span className="sr-only"> (the selected credential is the one in use)</span>
          </button>
        ) : (
          <SubmitButton size="sm" variant={boundId ? "secondary" : "primary"} pendingText="Binding…">
            {boundId ? "Change" : "Bind"}
            <span className="sr-only"> the {toolName} credential</span>
          </SubmitButton>
        )}
      </div>
      <div id={`${id}-desc`}>
        {fieldError ? <p className="mt-1.5 text-sm text-red-600 dark:text-red-400">{fieldError.join(" ")}</p> : null}
      </div>
      {errors ? (
        <div className="mt-2">
          <FormError message={formLevelMessage(errors, ["credentialId"])} />
        </div>
      ) : null}
    </form>
  );
}
