"use client";

import { useState } from "react";
import { useNoticedAction } from "@/components/ui/notices";
import { FormError, formLevelMessage } from "@/components/ui/form-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { updateAccountNameAction } from "@/lib/actions/account/update-account-name";

/** The name given at sign-up, editable; the header shows it (the e-mail when there is none). */
export function AccountNameForm({ name: savedName }: { name: string }) {
  const [state, formAction, , formRef] = useNoticedAction(updateAccountNameAction, () => "Name saved.");
  const [name, setName] = useState(savedName);
  const errors = state && !state.ok ? state.error : null;
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <TextField
        id="account-name"
        label="Name"
        name="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={100}
        autoComplete="name"
        help="Shown in the header. Leave it empty to show your e-mail instead."
        errors={errors?.fieldErrors?.name}
      />
      <FormError message={formLevelMessage(errors, ["name"])} />
      <SubmitButton pendingText="Saving…">Save name</SubmitButton>
    </form>
  );
}
