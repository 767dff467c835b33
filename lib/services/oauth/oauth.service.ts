// OAuth 2 for integrations that use it: the owner's OAuth client of an authorization-code integration,
// and tokens imported from elsewhere (an access token, a refresh token, an expiry), as Nango allows.
// Secrets are encrypted before they are stored and never returned; the gateway decrypts them to call
// the token endpoint and the vendor (lib/gateway/state/oauth-tokens.ts).
import { z } from "zod";
import { OAuthClient, oauthClientId, type TOAuthClientRecord } from "@/models/oauth-client";
import { OAuthToken } from "@/models/oauth-token";
import { Credential } from "@/models/credential";
import { encryptSecret } from "@/lib/crypto/field-encryption";
import { requireUser, type TActor } from "@/lib/services/actor";
import { ValidationError, fieldErrorsFromIssues } from "@/lib/services/errors";
import { getIntegration } from "@/lib/services/integrations/integrations.service";
import { getCredential, listNewCredential, integrationOfCredential, type TCredentialRecord } from "@/lib/services/credentials/credentials.service";
import { MAX_VALUE_LENGTH } from "@/lib/services/credentials/credential-input";
import { recordAudit } from "@/lib/services/audit/audit.service";
import { clearCredentialRejected } from "@/lib/services/warnings/warnings.service";

const ZSecret = z.string().min(1).max(MAX_VALUE_LENGTH).regex(/^[\x21-\x7e]+$/, "must be printable characters without spaces");

export const ZConfigureOAuthClientInput = z.object({
  integrationSlug: z.string().min(1).max(100),
  clientId: z.string().trim().min(1).max(500),
  clientSecret: ZSecret,
  scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/)).max(50).optional(),
});

/** Sets the owner's OAuth client of an authorization-code integration (replacing the one before). */
export async function configureOAuthClient(actor: TActor, input: unknown): Promise<TOAuthClientRecord> {
  const { ownerId } = requireUser(actor);
  const parsed = ZConfigureOAuthClientInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("The OAuth client is invalid.", fieldErrorsFromIssues(parsed.error.issues));
  const integration = await getIntegration(actor, parsed.data.integrationSlug);
  if (integration.oauth?.grant !== "authorization_code") {
    throw new ValidationError("The OAuth client is invalid.", { integrationSlug: ["is not an authorization-code OAuth 2 integration (a client-credentials credential holds its own client)"] });
  }
  const owner = ownerId.toHexString();
  const client = await OAuthClient.findOneAndUpdate(
    { _id: oauthClientId(owner, integration._id), ownerId },
    {
      $set: {
        ownerId,
        integrationId: integration._id,
        clientId: parsed.data.clientId,
        secretCipher: await encryptSecret(owner, parsed.data.clientSecret),
        scopes: parsed.data.scopes ?? integration.oauth.scopes ?? [],
      },
    },
    { upsert: true, new: true },
  ).lean<TOAuthClientRecord>();
  await recordAudit(ownerId, { action: "oauth_client.configured", target: { type: "integration", id: integration.slug }, details: { clientId: parsed.data.clientId } });
  return client!;
}

/** The owner's OAuth clients (a small per-owner set), secrets left encrypted. */
export async function listOAuthClients(actor: TActor): Promise<TOAuthClientRecord[]> {
  const { ownerId } = requireUser(actor);
  return OAuthClient.find({ ownerId }).lean<TOAuthClientRecord[]>();
}

/** The owner's OAuth client of an integration, or null (the secret stays encrypted). */
export async function findOAuthClient(ownerId: { toHexString(): string }, integrationId: string): Promise<TOAuthClientRecord | null> {
  return OAuthClient.findById(oauthClientId(ownerId.toHexString(), integrationId)).lean<TOAuthClientRecord>();
}

/** What may be shown of a credential's tokens: never the tokens, only whether they work. */
export type TTokenStatus = { connected: boolean; needsReconnect: boolean; expiresAt: Date | null };

export async function getTokenStatus(actor: TActor, credential: Pick<TCredentialRecord, "_id">): Promise<TTokenStatus> {
  const { ownerId } = requireUser(actor);
  const stored = await OAuthToken.findOne({ _id: credential._id.toString(), ownerId }, { status: 1, expiresAt: 1, accessCipher: 1 }).lean();
  return { connected: !!stored?.accessCipher, needsReconnect: stored?.status === "reconnect", expiresAt: stored?.expiresAt ?? null };
}

const ZImportTokensInput = z
  .object({
    /** Replace the tokens of this credential... */
    credentialId: z.string().min(1).max(64).optional(),
    /** ...or create a credential of this integration. */
    integrationSlug: z.string().min(1).max(100).optional(),
    name: z.string().trim().min(1).max(100).optional(),
    accessToken: ZSecret,
    refreshToken: ZSecret.optional(),
    expiresAt: z.date().optional(),
  })
  .refine((input) => !!input.credentialId !== !!input.integrationSlug, { path: ["integrationSlug"], message: "name either the credential or the integration" })
  .refine((input) => !input.integrationSlug || !!input.name, { path: ["name"], message: "is required for a new credential" });

/**
 * Stores tokens obtained elsewhere for an OAuth 2 credential (new, or an existing one whose tokens it
 * replaces, which also clears a needed reconnection). The credential is touched too, so every process
 * rebuilds its plans and token holders.
 */
export async function importOAuthTokens(actor: TActor, input: unknown): Promise<TCredentialRecord> {
  const { ownerId } = requireUser(actor);
  const parsed = ZImportTokensInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("The tokens are invalid.", fieldErrorsFromIssues(parsed.error.issues));
  const { accessToken, refreshToken, expiresAt } = parsed.data;
  let credential: TCredentialRecord;
  if (parsed.data.credentialId) {
    credential = await getCredential(actor, parsed.data.credentialId);
    if ((await integrationOfCredential(credential)).authKind !== "oauth2") {
      throw new ValidationError("The tokens are invalid.", { credentialId: ["is not an OAuth 2 credential"] });
    }
  } else {
    const integration = await getIntegration(actor, parsed.data.integrationSlug!);
    if (integration.authKind !== "oauth2") throw new ValidationError("The tokens are invalid.", { integrationSlug: ["is not an OAuth 2 integration"] });
    if (integration.oauth?.grant === "client_credentials") {
      throw new ValidationError("The tokens are invalid.", { integrationSlug: ["uses client credentials: create the credential from its client id and secret"] });
    }
    const created = await Credential.create({ _id: await listNewCredential(ownerId, integration._id), ownerId, integrationId: integration._id, integrationSlug: integration.slug, name: parsed.data.name!, fields: [] });
    credential = created.toObject() as TCredentialRecord;
  }
  await storeTokens(credential, { accessToken, refreshToken: refreshToken ?? null, expiresAt: expiresAt ?? null });
  await recordAudit(ownerId, {
    action: "oauth_tokens.imported",
    target: { type: "credential", id: credential._id.toString() },
    details: { refreshToken: !!refreshToken, expiresAt: expiresAt ?? null },
  });
  return credential;
}

/** Writes a credential's tokens (a new version, lease and reconnection cleared) and announces it through the credential. */
export async function storeTokens(
  credential: Pick<TCredentialRecord, "_id" | "ownerId">,
  tokens: { accessToken: string; refreshToken: string | null; expiresAt: Date | null },
): Promise<void> {
  const owner = credential.ownerId.toHexString();
  await OAuthToken.updateOne(
    { _id: credential._id.toString() },
    {
      $set: {
        ownerId: credential.ownerId,
        accessCipher: await encryptSecret(owner, tokens.accessToken),
        refreshCipher: tokens.refreshToken ? await encryptSecret(owner, tokens.refreshToken) : null,
        expiresAt: tokens.expiresAt,
        status: "ok",
        leaseUntil: null,
        leaseHolder: null,
        updatedAt: new Date(),
      },
      $inc: { version: 1 },
    },
    { upsert: true },
  );
  await Credential.updateOne({ _id: credential._id, ownerId: credential.ownerId }, { $set: { tokensStoredAt: new Date() } });
  await clearCredentialRejected(credential.ownerId, credential._id);
}
