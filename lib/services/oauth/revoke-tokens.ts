// Deleting an OAuth 2 credential revokes its tokens at the provider first, where the integration names
// a revocation endpoint (RFC 7009): the refresh token (which ends the grant at most providers), else the
// access token. Best effort: a provider that is away or refuses does not keep the credential alive; the
// outcome is logged (without the token).
import type { Binary } from "mongodb";
import { OAuthToken, type TOAuthToken } from "@/models/oauth-token";
import { decryptSecret } from "@/lib/crypto/field-encryption";
import { logger } from "@/lib/log/logger";
import { OAuthClient, oauthClientId, type TOAuthClientRecord } from "@/models/oauth-client";
import { revokeToken, type TOAuthClient } from "@/lib/services/oauth/token-endpoint";
import type { TIntegrationRecord } from "@/lib/services/integrations/integrations.service";
import type { TCredentialRecord } from "@/lib/services/credentials/credentials.service";

export async function revokeCredentialTokens(credential: TCredentialRecord, integration: TIntegrationRecord): Promise<void> {
  const revocationUrl = integration.oauth?.revocationUrl;
  if (!revocationUrl) return;
  const tokens = await OAuthToken.findById(credential._id.toString()).lean<TOAuthToken>();
  if (!tokens || (!tokens.refreshCipher && !tokens.accessCipher)) return;
  const client = await clientFor(credential, integration);
  if (!client) return;
  const [value, hint] = tokens.refreshCipher
    ? [await decryptSecret(tokens.refreshCipher as Binary), "refresh_token" as const]
    : [await decryptSecret(tokens.accessCipher as Binary), "access_token" as const];
  const revoked = await revokeToken(revocationUrl, client, value, hint).catch(() => false);
  logger.info({ credentialId: credential._id.toString(), revoked, hint }, "revoked the credential's tokens at the provider before deleting it");
}

async function clientFor(credential: TCredentialRecord, integration: TIntegrationRecord): Promise<TOAuthClient | null> {
  if (integration.oauth?.grant === "client_credentials") {
    const id = credential.fields.find((f) => f.key === "clientId")?.value;
    const secret = credential.fields.find((f) => f.key === "clientSecret")?.cipher;
    return id && secret ? { clientId: id, clientSecret: await decryptSecret(secret) } : null;
  }
  // Read here rather than through oauth.service, which depends on the credentials service that calls this.
  const configured = await OAuthClient.findById(oauthClientId(credential.ownerId.toHexString(), integration._id)).lean<TOAuthClientRecord>();
  return configured ? { clientId: configured.clientId, clientSecret: await decryptSecret(configured.secretCipher) } : null;
}
