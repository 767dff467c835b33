import type { Binary } from "mongodb";
import { Schema, model, models, type Model } from "mongoose";
import { announceWrites } from "@/lib/changes/announce-writes";

// An owner's OAuth client (app registration) for an authorization-code integration: what Connect sends
// people to the provider with and what refreshes their tokens. "_id": "<ownerId>:<integrationId>".
// The secret is encrypted like every secret; it is never returned.
export type TOAuthClientRecord = {
  _id: string;
  ownerId: unknown;
  integrationId: string;
  clientId: string;
  secretCipher: Binary;
  scopes: string[];
  createdAt: Date;
  updatedAt: Date;
};

const oauthClientSchema = new Schema<TOAuthClientRecord>(
  {
    _id: { type: String, required: true },
    ownerId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    integrationId: { type: String, required: true },
    clientId: { type: String, required: true },
    secretCipher: { type: Buffer, subtype: 6, required: true },
    scopes: { type: [String], default: [] },
  },
  { timestamps: true, collection: "oauth_clients" },
);
oauthClientSchema.index({ ownerId: 1 });
oauthClientSchema.plugin(announceWrites, { model: "OAuthClient" });

export const OAuthClient: Model<TOAuthClientRecord> =
  (models.OAuthClient as Model<TOAuthClientRecord>) ?? model<TOAuthClientRecord>("OAuthClient", oauthClientSchema);

export function oauthClientId(ownerId: string, integrationId: string): string {
  return `${ownerId}:${integrationId}`;
}
