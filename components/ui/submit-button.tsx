"use client";

import { useFormStatus } from "react-dom";
import type { ReactNode } from "react";
import { Button, type TButtonStyle } from "./button";

/** A form's submit button that shows the pending state while its server action runs. */
export function SubmitButton({ children, pendingText, ...style }: { children: ReactNode; pendingText?: string } & TButtonStyle) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" disabled={pending} aria-disabled={pending} {...style}>
      {pending ? (pendingText ?? "Saving…") : children}
    </Button>
  );
}
