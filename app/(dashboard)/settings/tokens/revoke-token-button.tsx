"use client";

import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { revokeAccessTokenAction } from "./actions/revoke-access-token";

/** Revoke, after a confirmation that says what stops working. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const headingId = `revoke-${tokenId}-title`;

  function revoke() {
    startTransition(async () => {
      const result = await revokeAccessTokenAction(tokenId);
      if (result.ok) dialogRef.current?.close();
      else setError(result.error.message);
    });
  }

  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => {
          setError(null);
          dialogRef.current?.showModal();
        }}
        aria-label={`Revoke ${name}`}
        className="text-red-700 dark:text-red-400"
      >
        Revoke
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={headingId}
        className="fixed inset-0 m-auto h-fit w-[calc(100%-2rem)] max-w-md rounded-2xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 backdrop:backdrop-blur-sm dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <div className="p-6">
          <h2 id={headingId} className="text-base font-semibold">
            Revoke “{name}”?
          </h2>
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            Scripts and integrations using this token are refused from their next request. This cannot be undone:
            to restore access, create a new token.
          </p>
          {error ? (
            <div className="mt-4">
              <FormError message={error} />
            </div>
          ) : null}
        </div>
        <div className="flex flex-col-reverse gap-2 border-t border-zinc-200 bg-zinc-50 px-6 py-4 sm:flex-row sm:justify-end dark:border-zinc-800 dark:bg-zinc-950/40">
          <Button variant="secondary" onClick={() => dialogRef.current?.close()} autoFocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={revoke} disabled={pending} aria-disabled={pending}>
            {pending ? "Revoking…" : "Revoke token"}
          </Button>
        </div>
      </dialog>
    </>
  );
}
