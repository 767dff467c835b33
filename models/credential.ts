import type { Binary } from "mongodb";
import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";
import { announceWrites } from "@/lib/changes/announce-writes";

// One field value. A secret field keeps only `cipher` (CSFLE ciphertext, BSON Binary subtype 6) and an
// optional `hint`; a plain field keeps `value`. Never both. Declared by hand because what the schema says
// (a Buffer path, which is how mongoose stores binary data) is not what a read gives back: the driver's
// Binary, which lib/crypto encrypts to and decrypts from.
export type TCredentialValue = { key: string; value?: string | null; cipher?: Binary | null; hint?: string | null };

const credentialValueSchema = new Schema<TCredentialValue>(
  {
    key: { type: String, required: true },
    value: { type: String },
    cipher: { type: Buffer, subtype: 6 },
    hint: { type: String },
  },
  { _id: false },
);

const credentialSchema = new Schema(
  {
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    // The integration it belongs to (serves every tool of it); set for old credentials by the start-up
    // migration from the tool they were made for.
    integrationId: { type: String, ref: "Integration", required: true },
    integrationSlug: { type: String, required: true },
    // The tool it was created for, if it was (a setup link's tool; every credential before integrations).
    toolId: { type: String, ref: "Tool", default: null },
    toolSlug: { type: String, default: null },
    name: { type: String, required: true },
    fields: { type: [credentialValueSchema], default: [] },
    lastUsedAt: { type: Date, default: null },
    // When a static secret stops working (the vendor's expiry), if its owner said: warned 14 and 3 days before and at it.
    expiresAt: { type: Date, default: null },
    // The last run of its integration's verify request (lib/services/credentials/verify-credential.ts).
    verification: {
      type: new Schema({ outcome: { type: String, required: true }, status: { type: Number, default: null }, checkedAt: { type: Date, required: true } }, { _id: false }),
      default: null,
    },
    // When OAuth 2 tokens were last connected or imported (models/oauth-token.ts holds them); writing it
    // announces the change, so every process reloads them.
    tokensStoredAt: { type: Date, default: null },
  },
  { timestamps: true },
);
credentialSchema.index({ ownerId: 1, integrationId: 1 });
credentialSchema.plugin(announceWrites, { model: "Credential", counters: ["lastUsedAt", "verification"] });

export type TCredential = InferSchemaType<typeof credentialSchema>;
export const Credential: Model<TCredential> =
  (models.Credential as Model<TCredential>) ?? model<TCredential>("Credential", credentialSchema);
