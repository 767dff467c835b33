"use client";

import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { deleteCredentialAction } from "@/app/(dashboard)/credentials/actions/delete-credential";

/** Delete, after a confirmation that names the budgets losing their binding. */
export function DeleteCredential({ id, name, budgetNames }: { id: string; name: string; budgetNames: string[] }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  return (
    <Card className="border-red-200 dark:border-red-900/60">
      <CardHeader title="Delete credential" description="Its secrets are removed for good." />
      <div className="px-5 py-4">
        <Button variant="danger" onClick={() => dialog.current?.showModal()}>
          Delete…
        </Button>
      </div>
      <dialog
        ref={dialog}
        aria-labelledby="delete-title"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <div className="p-5">
          <h2 id="delete-title" className="text-base font-semibold">
            Delete “{name}”?
          </h2>
          {budgetNames.length ? (
            <div className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
              <p>These budgets lose their binding, and their agents get a missing-credential error until you bind another one:</p>
              <ul className="mt-2 list-inside list-disc font-medium text-zinc-900 dark:text-zinc-100">
                {budgetNames.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No budget uses it.</p>
          )}
          <div className="mt-3">
            <FormError message={error} />
          </div>
        </div>
        <div className="flex justify-end gap-2 border-t border-zinc-200 bg-zinc-50 px-5 py-3 dark:border-zinc-800 dark:bg-zinc-950/40">
          <Button variant="secondary" onClick={() => dialog.current?.close()} autoFocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await deleteCredentialAction(id);
                if (result.ok) router.push("/credentials");
                else setError(result.error.message);
              })
            }
          >
            {pending ? "Deleting…" : "Delete credential"}
          </Button>
        </div>
      </dialog>
    </Card>
  );
}
