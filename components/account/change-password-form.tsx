"use client";

import { FormField, describedBy } from "@/components/ui/form-field";
import { useNoticedAction } from "@/components/ui/notices";
import { FormError, formLevelMessage } from "@/components/ui/form-error";
import { SecretInput } from "@/components/ui/secret-input";
import { SubmitButton } from "@/components/ui/submit-button";
import { changePasswordAction } from "@/lib/actions/account/change-password";

const FIELDS = ["currentPassword", "newPassword"];

/** The current password, then a new one with sign-up's rule; other sessions end on success. */
export function ChangePasswordForm() {
  const [state, formAction, , formRef] = useNoticedAction(changePasswordAction, (result) =>
    result.endedSessions ? `Password changed. ${result.endedSessions} other session${result.endedSessions === 1 ? " was" : "s were"} signed out.` : "Password changed.",
  );
  const errors = state && !state.ok ? state.error : null;
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormField id="current-password" label="Current password" required errors={errors?.fieldErrors?.currentPassword}>
        <SecretInput
          id="current-password"
          name="currentPassword"
          autoComplete="current-password"
          aria-label="Current password"
          aria-invalid={errors?.fieldErrors?.currentPassword?.length ? true : undefined}
          aria-describedby={describedBy("current-password")}
          required
        />
      </FormField>
      <FormField id="new-password" label="New password" required help="At least 10 characters, different from the current one." errors={errors?.fieldErrors?.newPassword}>
        <SecretInput
          id="new-password"
          name="newPassword"
          autoComplete="new-password"
          aria-label="New password"
          aria-invalid={errors?.fieldErrors?.newPassword?.length ? true : undefined}
          aria-describedby={describedBy("new-password")}
          minLength={10}
          required
        />
      </FormField>
      <FormError message={formLevelMessage(errors, FIELDS)} />
      <SubmitButton pendingText="Changing…">Change password</SubmitButton>
    </form>
  );
}
