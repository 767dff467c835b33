import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";
import { announceWrites } from "@/lib/changes/announce-writes";
import { HTTP_METHODS, INJECTION_TARGETS } from "@/models/tool-constants";

export { HTTP_METHODS, INJECTION_TARGETS };

export const credentialFieldSchema = new Schema(
  {
    key: { type: String, required: true },
    label: { type: String, required: true },
    help: { type: String },
    secret: { type: Boolean, required: true },
    required: { type: Boolean, required: true },
    pattern: { type: String },
    // Whether the last 4 characters of a long secret may be kept as a hint (never for passwords).
    hint: { type: Boolean, default: false },
  },
  { _id: false },
);

const injectionSchema = new Schema(
  {
    in: { type: String, enum: INJECTION_TARGETS, required: true },
    // Header, query or body field name; for basic_auth, "username" or "password".
    name: { type: String, required: true },
    // Text with {{fieldKey}} placeholders, e.g. "Bearer {{token}}".
    template: { type: String, required: true },
  },
  { _id: false },
);

const endpointSchema = new Schema(
  {
    method: { type: String, enum: HTTP_METHODS, required: true },
    // May hold path parameters filled from the input: https://api.github.com/repos/{owner}/{repo}
    url: { type: String, required: true },
    // Input properties sent as query parameters rather than in the body (a GET sends all its input so).
    queryParams: { type: [String], default: [] },
  },
  { _id: false },
);

const toolSchema = new Schema(
  {
    // Natural key, so the invoke path finds a tool with one _id lookup: the slug for a built-in tool,
    // "<ownerId>:<slug>" for an owner's custom tool.
    _id: { type: String, required: true },
    slug: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    name: { type: String, required: true },
    description: { type: String, default: "" },
    endpoint: { type: endpointSchema, required: true },
    // What one call costs the budget, in cents.
    costCents: { type: Number, default: 0 },
    // The integration whose credential it injects (its _id: the slug, or "<ownerId>:<slug>"). Tools saved
    // before integrations had their own credentialFields here; the start-up migration gave each its own
    // integration (lib/services/integrations/migrate-integrations.ts).
    integrationId: { type: String, required: true },
    injection: { type: [injectionSchema], default: [] },
    // The JSON Schema (2020-12) of the agent's input, as JSON text; null: any JSON object.
    inputSchema: { type: String, default: null },
  },
  { timestamps: true },
);
toolSchema.index({ ownerId: 1, slug: 1 }, { unique: true });
toolSchema.plugin(announceWrites, { model: "Tool" });

export type TTool = InferSchemaType<typeof toolSchema>;
export type TCredentialField = InferSchemaType<typeof credentialFieldSchema>;
export type TInjection = InferSchemaType<typeof injectionSchema>;
export const Tool: Model<TTool> = (models.Tool as Model<TTool>) ?? model<TTool>("Tool", toolSchema);
