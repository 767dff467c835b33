import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";

export const WARNING_KINDS = ["missing_credential"] as const;

// Something a person should fix, per budget and tool; cleared when fixed.
const warningSchema = new Schema(
  {
    // "<kind>:<budgetId>:<toolSlug>": one warning per kind, budget and tool.
    _id: { type: String, required: true },
    kind: { type: String, enum: WARNING_KINDS, required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    budgetId: { type: Schema.Types.ObjectId, ref: "Budget", required: true },
    toolSlug: { type: String, required: true },
    count: { type: Number, default: 0 },
    firstSeenAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
  },
  { versionKey: false },
);
warningSchema.index({ ownerId: 1 });

export type TWarning = InferSchemaType<typeof warningSchema>;
export const Warning: Model<TWarning> = (models.Warning as Model<TWarning>) ?? model<TWarning>("Warning", warningSchema);

export function warningId(kind: (typeof WARNING_KINDS)[number], budgetId: string, toolSlug: string): string {
  return `${kind}:${budgetId}:${toolSlug}`;
}
