import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";
import { announceWrites } from "@/lib/changes/announce-writes";

const bindingSchema = new Schema(
  {
    // "<budgetId>:<toolSlug>" for one tool, "<budgetId>:@<integrationSlug>" for every tool of an
    // integration (a tool's own binding overrides it): one of each by construction, found by _id.
    _id: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    budgetId: { type: Schema.Types.ObjectId, ref: "Budget", required: true },
    toolSlug: { type: String, default: null },
    integrationSlug: { type: String, default: null },
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

/** A slug never holds "@", so this never names a tool's binding. */
export function integrationBindingId(budgetId: string, integrationSlug: string): string {
  return `${budgetId}:@${integrationSlug}`;
}
