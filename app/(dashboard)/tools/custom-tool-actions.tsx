import { ButtonLink } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteToolAction } from "@/lib/actions/tools/delete-tool";

/** Edit, duplicate (the form started from this tool) and delete, for a custom tool. */
export function CustomToolActions({ slug, name }: { slug: string; name: string }) {
  return (
    <>
      <ButtonLink href={`/tools/${encodeURIComponent(slug)}/edit`} variant="ghost" size="sm" aria-label={`Edit ${name}`}>
        Edit
      </ButtonLink>
      <ButtonLink href={`/tools/new?from=${encodeURIComponent(slug)}`} variant="ghost" size="sm" aria-label={`Duplicate ${name}`}>
        Duplicate
      </ButtonLink>
      <ConfirmDialog
        trigger={{ label: "Delete", ariaLabel: `Delete ${name}`, variant: "ghost", size: "sm" }}
        title={`Delete “${name}”?`}
        description="Every budget that lists it lets it go, with its bindings: agents calling it are refused. Your credentials stay in your vault. This cannot be undone."
        confirmLabel="Delete tool"
        pendingText="Deleting…"
        action={deleteToolAction}
        fields={{ slug }}
        notice={`Tool “${name}” deleted.`}
      />
    </>
  );
}
