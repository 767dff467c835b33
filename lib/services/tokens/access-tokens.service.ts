// Personal access tokens: how integrators call the GraphQL API. Shown once, stored as a hash.
import { z } from "zod";
import { PersonalAccessToken, type TPersonalAccessToken } from "@/models/personal-access-token";
import { requireUser, type TActor } from "@/lib/services/actor";
import { NotFoundError, ValidationError, fieldErrorsFromIssues } from "@/lib/services/errors";
import { ACCESS_TOKEN_PREFIX, generateSecretToken, hashSecretToken, publicId } from "@/lib/services/secret-tokens";
import { recordAudit } from "@/lib/services/audit/audit.service";

export type TAccessTokenRecord = TPersonalAccessToken & { _id: string; createdAt: Date };

// lastUsedAt is a hint for people, not an audit log: one write a minute per token is enough.
const LAST_USED_RESOLUTION_MS = 60_000;

const ZTokenName = z.object({ name: z.string().trim().min(1, "Give the token a name, e.g. “laptop”.").max(100, "The name is too long: at most 100 characters.") });

export async function createAccessToken(
  actor: TActor,
  name: unknown,
): Promise<{ token: string; accessToken: TAccessTokenRecord }> {
  const { ownerId } = requireUser(actor);
  const parsed = ZTokenName.safeParse({ name });
  if (!parsed.success) throw new ValidationError("The token is invalid.", fieldErrorsFromIssues(parsed.error.issues));
  const { token, hash, displayPrefix } = generateSecretToken(ACCESS_TOKEN_PREFIX);
  const created = await PersonalAccessToken.create({
    _id: hash,
    tokenId: publicId("pat"),
    ownerId,
    name: parsed.data.name,
    prefix: displayPrefix,
  });
  await recordAudit(ownerId, { action: "access_token.created", target: { type: "access_token", id: created.tokenId }, details: { name: parsed.data.name } });
  return { token, accessToken: created.toObject() as TAccessTokenRecord };
}

export async function listAccessTokens(actor: TActor): Promise<TAccessTokenRecord[]> {
  const { ownerId } = requireUser(actor);
  return PersonalAccessToken.find({ ownerId }).sort({ createdAt: -1 }).lean<TAccessTokenRecord[]>();
}

export async function revokeAccessToken(actor: TActor, tokenId: string): Promise<TAccessTokenRecord> {
  const { ownerId } = requireUser(actor);
  const { modifiedCount } = await PersonalAccessToken.updateOne({ tokenId, ownerId, revokedAt: null }, { $set: { revokedAt: new Date() } });
  const token = await PersonalAccessToken.findOne({ tokenId, ownerId }).lean<TAccessTokenRecord>();
  if (!token) throw new NotFoundError("Access token");
  if (modifiedCount === 1) await recordAudit(ownerId, { action: "access_token.revoked", target: { type: "access_token", id: tokenId } });
  return token;
}

/** The actor a bearer token stands for, or anonymous when it is unknown or revoked. */
export async function authenticateAccessToken(token: string): Promise<TActor> {
  if (!token.startsWith(ACCESS_TOKEN_PREFIX) || token.length > 200) return { kind: "anonymous" };
  const record = await PersonalAccessToken.findById(hashSecretToken(token)).lean<TAccessTokenRecord>();
  if (!record || record.revokedAt) return { kind: "anonymous" };
  if (!record.lastUsedAt || Date.now() - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    void PersonalAccessToken.updateOne({ _id: record._id }, { $set: { lastUsedAt: new Date() } }).catch(() => undefined);
  }
  return { kind: "user", userId: record.ownerId.toString(), tokenId: record.tokenId };
}
