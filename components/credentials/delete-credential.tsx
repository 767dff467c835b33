import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteCredentialAction } from "@/lib/actions/credentials/delete-credential";

/** Delete, after a confirmation that names the budgets losing their binding. */
export function DeleteCredential({ id, name, budgetNames }: { id: string; name: string; budgetNames: string[] }) {
  return (
    <Card className="border-red-200 dark:border-red-900/60">
      <CardHeader title="Delete credential" description="Its secrets are removed for good." />
      <div className="px-5 py-4">
        <ConfirmDialog
          trigger={{ label: "Delete…", variant: "danger" }}
          title={`Delete “${name}”?`}
          description={
            budgetNames.length ? (
              <>
                <p>These budgets lose their binding, and their agents get a missing-credential error until you bind another one:</p>
                <ul className="mt-2 list-inside list-disc font-medium text-zinc-900 dark:text-zinc-100">
                  {budgetNames.map((b) => (
                    <li key={b}>{b}</li>
                  ))}
                </ul>
              </>
            ) : (
              "No budget uses it."
            )
          }
          confirmLabel="Delete credential"
          pendingText="Deleting…"
          action={deleteCredentialAction}
          fields={{ id }}
          notice={`Credential “${name}” deleted.`}
        />
      </div>
    </Card>
  );
}
