import { Schema, model, models, type InferSchemaType, type Model } from "mongoose";
import { announceWrites } from "@/lib/changes/announce-writes";
import { AUTH_KINDS, OAUTH_GRANTS } from "@/models/integration-constants";
import { credentialFieldSchema } from "@/models/tool";

export { AUTH_KINDS, OAUTH_GRANTS };

// How Vaultline obtains tokens for an OAuth 2 integration (RFC 6749). The client (id, secret) is the
// owner's: a client-credentials credential holds it; for the authorization code grant it is the owner's
// OAuth client of this integration (models/oauth-client.ts).
const oauthSchema = new Schema(
  {
    grant: { type: String, enum: OAUTH_GRANTS, required: true },
    tokenUrl: { type: String, required: true },
    authorizeUrl: { type: String, default: null },
    // RFC 7009; deleting a credential revokes its tokens there when set.
    revocationUrl: { type: String, default: null },
    scopes: { type: [String], default: [] },
  },
  { _id: false },
);

// A cheap request that says whether the vendor accepts a credential (e.g. GET /v1/models), run on save.
const verifySchema = new Schema(
  {
    method: { type: String, enum: ["GET", "POST"], required: true },
    url: { type: String, required: true },
  },
  { _id: false },
);

// One vendor account's way in, shared by every tool that talks to it: the credential schema and the
// auth kind live here; a credential belongs to an integration; a budget binds a credential to it.
const integrationSchema = new Schema(
  {
    // The slug for a built-in integration, "<ownerId>:<slug>" for an owner's own (like tools).
    _id: { type: String, required: true },
    slug: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    name: { type: String, required: true },
    description: { type: String, default: "" },
    authKind: { type: String, enum: AUTH_KINDS, required: true },
    // The fields a person enters (static: API keys, logins; client credentials: client id and secret).
    credentialFields: { type: [credentialFieldSchema], default: [] },
    oauth: { type: oauthSchema, default: null },
    verify: { type: verifySchema, default: null },
  },
  { timestamps: true },
);
integrationSchema.index({ ownerId: 1, slug: 1 }, { unique: true });
integrationSchema.plugin(announceWrites, { model: "Integration" });

export type TIntegration = InferSchemaType<typeof integrationSchema>;
export type TOAuthSettings = InferSchemaType<typeof oauthSchema>;
export type TVerifyRequest = InferSchemaType<typeof verifySchema>;
export const Integration: Model<TIntegration> =
  (models.Integration as Model<TIntegration>) ?? model<TIntegration>("Integration", integrationSchema);
