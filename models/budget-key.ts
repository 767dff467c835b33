import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";
import { announceWrites } from "@/lib/changes/announce-writes";

const budgetKeySchema = new Schema(
  {
    // SHA-256 of the key: the agent's bearer token is looked up by _id and never stored.
    _id: { type: String, required: true },
    // The public id used to list and revoke the key.
    keyId: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    budgetId: { type: Schema.Types.ObjectId, ref: "Budget", required: true },
    name: { type: String, required: true },
    // The first characters of the key, for people to recognise it.
    prefix: { type: String, required: true },
    revokedAt: { type: Date, default: null },
    lastUsedAt: { type: Date, default: null },
    // This key's calls per minute; null: its budget's `keyRateLimitPerMinute` (lib/gateway/state/rate-limits.ts).
    rateLimitPerMinute: { type: Number, default: null },
  },
  { timestamps: true },
);
budgetKeySchema.index({ keyId: 1 }, { unique: true });
budgetKeySchema.index({ budgetId: 1 });
budgetKeySchema.plugin(announceWrites, { model: "BudgetKey", counters: ["lastUsedAt"] });

export type TBudgetKey = InferSchemaType<typeof budgetKeySchema>;
export const BudgetKey: Model<TBudgetKey> =
  (models.BudgetKey as Model<TBudgetKey>) ?? model<TBudgetKey>("BudgetKey", budgetKeySchema);
