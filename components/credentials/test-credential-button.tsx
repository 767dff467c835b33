"use client";

import { useNoticedAction } from "@/components/ui/notices";
import { FormError, formLevelMessage } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { verifyCredentialAction } from "@/lib/actions/credentials/verify-credential";

const SAID: Record<string, string> = {
  accepted: "accepted it",
  rejected: "refused it",
  unreachable: "could not be reached",
  unexpected: "gave an unexpected answer",
  not_checked: "was not asked (no check declared)",
};

/** Test: asks the vendor now whether it accepts the credential (the integration's verify request). */
export function TestCredentialButton({ credentialId, vendor }: { credentialId: string; vendor: string }) {
  const [state, formAction, , formRef] = useNoticedAction(verifyCredentialAction, (result) => `${vendor} ${SAID[result.outcome] ?? result.outcome}.`);
  const errors = state && !state.ok ? state.error : null;
  return (
    <form ref={formRef} action={formAction}>
      <input type="hidden" name="credentialId" value={credentialId} />
      <SubmitButton size="sm" variant="secondary" pendingText="Testing…">
        Test
      </SubmitButton>
      {errors ? <FormError message={formLevelMessage(errors, [])} /> : null}
    </form>
  );
}
