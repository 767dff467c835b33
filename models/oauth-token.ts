import type { Binary } from "mongodb";
import { Schema, model, models, type Model } from "mongoose";

// The OAuth 2 tokens of one credential ("_id": its id), encrypted like every secret (CSFLE, the owner's
// data key). Written by the gateway when it refreshes (not announced: every process re-reads this record
// when its token runs out, see lib/gateway/state/oauth-tokens.ts) and by the services that connect or
// import tokens (which also touch the credential, so plans everywhere are rebuilt).
//
// The refresh lease: `leaseUntil`/`leaseHolder` are taken with one guarded update (free or expired), so
// at most one refresh request per credential is in flight across every process; `version` grows with each
// token stored, which is how the others know the wait is over.
export type TOAuthToken = {
  _id: string;
  ownerId: Schema.Types.ObjectId | unknown;
  accessCipher: Binary | null;
  refreshCipher: Binary | null;
  expiresAt: Date | null;
  version: number;
  leaseUntil: Date | null;
  leaseHolder: string | null;
  /** "reconnect": the provider refused the grant for good (invalid_grant, revoked consent). */
  status: "ok" | "reconnect";
  updatedAt: Date;
};

const oauthTokenSchema = new Schema<TOAuthToken>(
  {
    _id: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    accessCipher: { type: Buffer, subtype: 6, default: null },
    refreshCipher: { type: Buffer, subtype: 6, default: null },
    expiresAt: { type: Date, default: null },
    version: { type: Number, default: 0 },
    leaseUntil: { type: Date, default: null },
    leaseHolder: { type: String, default: null },
    status: { type: String, enum: ["ok", "reconnect"], default: "ok" },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false, collection: "oauth_tokens" },
);

oauthTokenSchema.index({ ownerId: 1 });

export const OAuthToken: Model<TOAuthToken> = (models.OAuthToken as Model<TOAuthToken>) ?? model<TOAuthToken>("OAuthToken", oauthTokenSchema);
