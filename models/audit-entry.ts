import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";

// One entry of an owner's audit trail: append-only, `_id` "<ownerId>:<seq, 12 digits>" so that reading a
// page, walking the chain or spotting a gap is a series of `_id` lookups (the embedded database pushes
// down nothing else). `hash` is an HMAC over the entry and the previous entry's hash
// (lib/services/audit/audit-chain.ts). Never holds a secret value: ids, names of fields, counts.
const auditEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    ownerId: { type: String, required: true },
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
    action: { type: String, required: true },
    // Who: a person in the dashboard, an integrator's token, the admin command line, or the gateway.
    actor: { kind: { type: String, required: true }, id: { type: String, default: null } },
    target: { type: { type: String, required: true }, id: { type: String, default: null } },
    details: { type: Schema.Types.Mixed, default: null },
    source: { type: String, default: null },
    requestId: { type: String, default: null },
    prev: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { versionKey: false, minimize: false },
);

export type TAuditEntry = InferSchemaType<typeof auditEntrySchema>;
export const AuditEntry: Model<TAuditEntry> =
  (models.AuditEntry as Model<TAuditEntry>) ?? model<TAuditEntry>("AuditEntry", auditEntrySchema, "audit_entries");
