import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteBudgetAction } from "@/lib/actions/budgets/delete-budget";

/** Delete, after a confirmation that says how many keys stop working. */
export function DeleteBudgetSection({ budgetId, name, activeKeys }: { budgetId: string; name: string; activeKeys: number }) {
  return (
    <section aria-labelledby="danger-title" className="rounded-xl border border-red-200 bg-white shadow-sm dark:border-red-900/60 dark:bg-zinc-900">
      <div className="flex flex-col gap-4 px-5 py-4 sm:flex-row sm:items-center">
        <div className="min-w-0 flex-1">
          <h2 id="danger-title" className="text-base font-semibold">
            Delete this budget
          </h2>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">Its keys stop working and its bindings are removed. Your credentials are kept.</p>
        </div>
        <ConfirmDialog
          trigger={{ label: "Delete budget", variant: "danger" }}
          title={`Delete “${name}”?`}
          description={
            <>
              {activeKeys > 1
                ? `Its ${activeKeys} active keys stop working immediately: agents using them are refused.`
                : activeKeys
                  ? "Its active key stops working immediately: agents using it are refused."
                  : "Every key of this budget stops working."}{" "}
              Its bindings are removed; the credentials themselves stay in your vault. This cannot be undone.
            </>
          }
          confirmLabel="Delete budget"
          pendingText="Deleting…"
          action={deleteBudgetAction}
          fields={{ budgetId }}
          notice={`Budget “${name}” deleted.`}
        />
      </div>
    </section>
  );
}
