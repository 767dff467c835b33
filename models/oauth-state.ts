import type { Binary } from "mongodb";
import { Schema, model, models, type Model } from "mongoose";

// One authorization-code flow under way (RFC 6749 §4.1 with PKCE, RFC 7636): "_id" is the SHA-256 of
// its `state`, so the database never holds the value the browser carries; taken (deleted) by the one
// callback that completes it, so a replayed callback finds nothing. The PKCE verifier is a secret until
// the code is exchanged: encrypted like every secret.
export type TOAuthState = {
  _id: string;
  ownerId: unknown;
  integrationId: string;
  budgetId: string | null;
  /** Reconnecting this credential rather than creating one. */
  credentialId: string | null;
  verifierCipher: Binary;
  redirectUri: string;
  expiresAt: Date;
};

const oauthStateSchema = new Schema<TOAuthState>(
  {
    _id: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    integrationId: { type: String, required: true },
    budgetId: { type: String, default: null },
    credentialId: { type: String, default: null },
    verifierCipher: { type: Buffer, subtype: 6, required: true },
    redirectUri: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, collection: "oauth_states" },
);
// Abandoned flows are dropped by the owner's next Connect (the local database has no TTL indexes); each
// is refused past expiresAt anyway.
oauthStateSchema.index({ ownerId: 1 });

export const OAuthState: Model<TOAuthState> = (models.OAuthState as Model<TOAuthState>) ?? model<TOAuthState>("OAuthState", oauthStateSchema);
