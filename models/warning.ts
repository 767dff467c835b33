import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";

export const WARNING_KINDS = ["missing_credential", "credential_rejected"] as const;

// Something a person should fix, per budget and tool (missing_credential) or per credential
// (credential_rejected: its vendor answered 401/403 to it); cleared when fixed.
const warningSchema = new Schema(
  {
    // "<kind>:<budgetId>:<toolSlug>": one warning per kind, budget and tool.
    _id: { type: String, required: true },
    kind: { type: String, enum: WARNING_KINDS, required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    budgetId: { type: Schema.Types.ObjectId, ref: "Budget", default: null },
    toolSlug: { type: String, default: null },
    credentialId: { type: Schema.Types.ObjectId, ref: "Credential", default: null },
    count: { type: Number, default: 0 },
    firstSeenAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
  },
  { versionKey: false },
);
warningSchema.index({ ownerId: 1 });

export type TWarning = InferSchemaType<typeof warningSchema>;
export const Warning: Model<TWarning> = (models.Warning as Model<TWarning>) ?? model<TWarning>("Warning", warningSchema);

export function warningId(kind: "missing_credential", budgetId: string, toolSlug: string): string {
  return `${kind}:${budgetId}:${toolSlug}`;
}

export function credentialWarningId(kind: "credential_rejected", credentialId: string): string {
  return `${kind}:${credentialId}`;
}
