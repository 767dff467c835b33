"use client";

import { useId } from "react";
import { useNoticedAction } from "@/components/ui/notices";
import { FormError, formLevelMessage } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputClass } from "@/components/ui/styles";
import { configureOAuthClientAction } from "@/lib/actions/oauth/configure-oauth-client";

/** The owner's OAuth client (app registration) of an integration; a saved secret is never shown again. */
export function OAuthClientForm({ integrationSlug, integrationName, clientId, configured }: { integrationSlug: string; integrationName: string; clientId: string | null; configured: boolean }) {
  const [state, formAction, , formRef] = useNoticedAction(configureOAuthClientAction, () => `Your ${integrationName} OAuth client is saved.`);
  const id = useId();
  const errors = state && !state.ok ? state.error : null;
  const fieldError = (key: string) => errors?.fieldErrors?.[key]?.join(" ");
  return (
    <form ref={formRef} action={formAction} className="mt-3 space-y-2 text-sm">
      <input type="hidden" name="integrationSlug" value={integrationSlug} />
      <label htmlFor={`${id}-client-id`} className="block font-medium">
        Client ID
      </label>
      <input id={`${id}-client-id`} name="clientId" defaultValue={clientId ?? ""} autoComplete="off" className={inputClass} required />
      {fieldError("clientId") ? <p className="text-red-600 dark:text-red-400">{fieldError("clientId")}</p> : null}
      <label htmlFor={`${id}-client-secret`} className="block font-medium">
        Client secret
      </label>
      <input
        id={`${id}-client-secret`}
        name="clientSecret"
        type="password"
        autoComplete="off"
        placeholder={configured ? "Saved: enter a new one to replace it" : ""}
        className={inputClass}
        required
      />
      {fieldError("clientSecret") ? <p className="text-red-600 dark:text-red-400">{fieldError("clientSecret")}</p> : null}
      <SubmitButton size="sm" pendingText="Saving…">
        Save OAuth client
      </SubmitButton>
      {errors ? <FormError message={formLevelMessage(errors, ["clientId", "clientSecret"])} /> : null}
    </form>
  );
}
