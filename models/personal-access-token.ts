import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";

const personalAccessTokenSchema = new Schema(
  {
    // SHA-256 of the token; the token itself is shown once and never stored.
    _id: { type: String, required: true },
    tokenId: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    name: { type: String, required: true },
    prefix: { type: String, required: true },
    revokedAt: { type: Date, default: null },
    lastUsedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
personalAccessTokenSchema.index({ tokenId: 1 }, { unique: true });
personalAccessTokenSchema.index({ ownerId: 1 });

export type TPersonalAccessToken = InferSchemaType<typeof personalAccessTokenSchema>;
export const PersonalAccessToken: Model<TPersonalAccessToken> =
  (models.PersonalAccessToken as Model<TPersonalAccessToken>) ??
  model<TPersonalAccessToken>("PersonalAccessToken", personalAccessTokenSchema);
