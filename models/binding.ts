import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";
import { announceWrites } from "@/lib/changes/announce-writes";

const bindingSchema = new Schema(
  {
    // "<budgetId>:<toolSlug>": one binding per budget and tool by construction, found by one _id lookup.
    _id: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    budgetId: { type: Schema.Types.ObjectId, ref: "Budget", required: true },
    toolSlug: { type: String, required: true },
    credentialId: { type: Schema.Types.ObjectId, ref: "Credential", required: true },
  },
  { timestamps: true },
);
bindingSchema.index({ budgetId: 1 });
bindingSchema.index({ credentialId: 1 });
bindingSchema.plugin(announceWrites, { model: "Binding" });

export type TBinding = InferSchemaType<typeof bindingSchema>;
export const Binding: Model<TBinding> =
  (models.Binding as Model<TBinding>) ?? model<TBinding>("Binding", bindingSchema);

export function bindingId(budgetId: string, toolSlug: string): string {
  return `${budgetId}:${toolSlug}`;
}
