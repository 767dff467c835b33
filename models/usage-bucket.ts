import { Schema, model, models, type Model, type Types } from "mongoose";

// The calls made with one budget key to one tool during one flush of the usage recorder
// (lib/gateway/state/usage-recorder.ts): MongoDB's bucket pattern, with the calls stored as columns
// (calls.at[i], calls.status[i], ...). Measured on the local database, a call stored this way costs about
// a sixth of a call stored as its own document, and the gateway serializes no object per call.
// Written with the driver in batches; read by lib/services/usage/usage.service.ts.
const usageBucketSchema = new Schema(
  {
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    budgetId: { type: Schema.Types.ObjectId, ref: "Budget", required: true },
    toolSlug: { type: String, required: true },
    credentialId: { type: Schema.Types.ObjectId, ref: "Credential", default: null },
    // The first and last call's time.
    from: { type: Date, required: true },
    to: { type: Date, required: true },
    calls: {
      at: [Date],
      // The status the agent got, and the vendor's when the vendor answered (else null).
      status: [Number],
      vendorStatus: [Schema.Types.Mixed],
      errorCode: [Schema.Types.Mixed],
      latencyMs: [Number],
      costCents: [Number],
      requestId: [String],
    },
  },
  { versionKey: false },
);
usageBucketSchema.index({ ownerId: 1, budgetId: 1, to: -1 });

/** The columns, index by index: call i is at[i], status[i], and so on. */
export type TUsageColumns = {
  at: Date[];
  status: number[];
  vendorStatus: (number | null)[];
  errorCode: (string | null)[];
  latencyMs: number[];
  costCents: number[];
  requestId: string[];
};

export type TUsageBucket = {
  ownerId: Types.ObjectId;
  budgetId: Types.ObjectId;
  toolSlug: string;
  credentialId: Types.ObjectId | null;
  from: Date;
  to: Date;
  calls: TUsageColumns;
};

export const UsageBucket: Model<TUsageBucket> =
  (models.UsageBucket as Model<TUsageBucket>) ?? model<TUsageBucket>("UsageBucket", usageBucketSchema, "usage_buckets");
