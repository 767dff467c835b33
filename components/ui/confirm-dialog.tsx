"use client";

import { useEffect, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import type { TFormAction } from "@/lib/actions/run-action";
import { Button, type TButtonStyle } from "./button";
import { Dialog, useCloseDialog } from "./dialog";
import { FormError } from "./form-error";
import { SubmitButton } from "./submit-button";
import { useNoticedAction } from "./notices";

/**
 * A destructive step behind a confirmation: the trigger opens a dialog that says what will happen, and
 * only its confirm button posts `fields` to the server action. Closes itself when the action succeeds.
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  pendingText,
  action,
  fields,
  notice,
}: {
  trigger: { label: ReactNode; ariaLabel?: string } & TButtonStyle;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pendingText?: string;
  action: TFormAction<{ redirectTo?: string }>;
  fields: Record<string, string>;
  /** What the notice says once it is done, e.g. “Budget “Scout” deleted.” */
  notice: string;
}) {
  return (
    <Dialog trigger={trigger} title={title} description={description}>
      <ConfirmForm action={action} fields={fields} confirmLabel={confirmLabel} pendingText={pendingText} notice={notice} />
    </Dialog>
  );
}

function ConfirmForm({
  action,
  fields,
  confirmLabel,
  pendingText,
  notice,
}: {
  action: TFormAction<{ redirectTo?: string }>;
  fields: Record<string, string>;
  confirmLabel: string;
  pendingText?: string;
  notice: string;
}) {
  const close = useCloseDialog();
  const router = useRouter();
  const [state, formAction, , formRef] = useNoticedAction(action, (result) => {
    if (result.redirectTo) router.push(result.redirectTo);
    return notice;
  });
  useEffect(() => {
    if (state?.ok) close();
  }, [state, close]);
  return (
    <form ref={formRef} action={formAction} className="space-y-4">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormError message={state && !state.ok ? state.error.message : null} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={close}>
          Cancel
        </Button>
        <SubmitButton variant="danger" pendingText={pendingText ?? "Working…"}>
          {confirmLabel}
        </SubmitButton>
      </div>
    </form>
  );
}
