import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { revokeAccessTokenAction } from "@/lib/actions/tokens/revoke-access-token";

/** Revoke, after a confirmation that says what stops working. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  return (
    <ConfirmDialog
      trigger={{ label: "Revoke", ariaLabel: `Revoke ${name}`, variant: "secondary", size: "sm" }}
      title={`Revoke “${name}”?`}
      description="Scripts and integrations using this token are refused from their next request. This cannot be undone: to restore access, create a new token."
      confirmLabel="Revoke token"
      pendingText="Revoking…"
      action={revokeAccessTokenAction}
      fields={{ tokenId }}
      notice={`Token “${name}” revoked.`}
    />
  );
}
