"use client";

import { useNoticedAction } from "@/components/ui/notices";
import { FormError } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { signOutOtherSessionsAction } from "@/lib/actions/account/sign-out-other-sessions";

/** Ends every other dashboard session of the person; this browser stays signed in. */
export function OtherSessionsForm({ others }: { others: number }) {
  const [state, formAction, , formRef] = useNoticedAction(signOutOtherSessionsAction, (result) =>
    result.ended ? `Signed out of ${result.ended} other session${result.ended === 1 ? "" : "s"}.` : "No other session was open.",
  );
  return (
    <form ref={formRef} action={formAction} className="space-y-3">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {others === 0 ? "You are signed in here only." : `You are signed in here and in ${others} other session${others === 1 ? "" : "s"} (other browsers or devices).`}
      </p>
      <FormError message={state && !state.ok ? state.error.message : null} />
      <SubmitButton variant="secondary" pendingText="Signing out…">Sign out of other sessions</SubmitButton>
    </form>
  );
}
