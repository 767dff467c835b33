import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";

// One agent call. A growing collection, written in batches and never read on the invoke path.
const usageRecordSchema = new Schema(
  {
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    budgetId: { type: Schema.Types.ObjectId, ref: "Budget", required: true },
    toolSlug: { type: String, required: true },
    credentialId: { type: Schema.Types.ObjectId, ref: "Credential", default: null },
    // The vendor's HTTP status, when the vendor answered.
    vendorStatus: { type: Number, default: null },
    // The status the agent got.
    status: { type: Number, required: true },
    errorCode: { type: String, default: null },
    latencyMs: { type: Number, required: true },
    costCents: { type: Number, required: true },
    requestId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
usageRecordSchema.index({ budgetId: 1, at: -1 });

export type TUsageRecord = InferSchemaType<typeof usageRecordSchema>;
export const UsageRecord: Model<TUsageRecord> =
  (models.UsageRecord as Model<TUsageRecord>) ?? model<TUsageRecord>("UsageRecord", usageRecordSchema);
