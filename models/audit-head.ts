import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";

// Where each owner's audit trail ends (`_id` the owner id): its last sequence number and hash. A hint for
// writers (the entries are the truth: a writer walks on past it) and the anchor verify-audit compares the
// trail's end with, so that deleting the newest entries is seen too.
const auditHeadSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
    hash: { type: String, required: true },
  },
  { versionKey: false },
);

export type TAuditHead = InferSchemaType<typeof auditHeadSchema>;
export const AuditHead: Model<TAuditHead> = (models.AuditHead as Model<TAuditHead>) ?? model<TAuditHead>("AuditHead", auditHeadSchema, "audit_heads");
