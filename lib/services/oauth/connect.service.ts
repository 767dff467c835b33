// Connecting a person's account: the authorization code grant with PKCE (S256) and `state` (RFC 6749
// §4.1, RFC 7636). Connect stores the flow (state hashed, verifier encrypted) and sends the person to
// the provider; the callback takes the flow back once (a replay finds nothing), for the same signed-in
// owner only, exchanges the code with the verifier, and stores the tokens: on a new credential (bound to
// the budget of the setup link that started it, if any) or on the credential being reconnected.
import { createHash, randomBytes } from "node:crypto";
import type { Binary } from "mongodb";
import { OAuthState, type TOAuthState } from "@/models/oauth-state";
import { Credential } from "@/models/credential";
import { env } from "@/lib/env";
import { decryptSecret, encryptSecret } from "@/lib/crypto/field-encryption";
import { requireUser, type TActor } from "@/lib/services/actor";
import { ValidationError } from "@/lib/services/errors";
import { getIntegration, integrationsByIds, type TIntegrationRecord } from "@/lib/services/integrations/integrations.service";
import { getBudget } from "@/lib/services/budgets/budgets.service";
import { getCredential, listNewCredential, type TCredentialRecord } from "@/lib/services/credentials/credentials.service";
import { bindCredential } from "@/lib/services/bindings/bindings.service";
import { findOAuthClient, storeTokens } from "@/lib/services/oauth/oauth.service";
import { requestToken, TokenEndpointError, type TOAuthClient } from "@/lib/services/oauth/token-endpoint";
import { recordAudit } from "@/lib/services/audit/audit.service";

const FLOW_TTL_MS = 10 * 60_000;

export function callbackUrl(): string {
  return `${env().APP_URL}/api/oauth/callback`;
}

const base64url = (bytes: Buffer) => bytes.toString("base64url");
const hashState = (state: string) => createHash("sha256").update(state).digest("hex");

/** The owner's OAuth client of the integration, decrypted for the token endpoint; a field error if none. */
async function clientOf(ownerId: { toHexString(): string }, integration: TIntegrationRecord): Promise<TOAuthClient & { scopes: string[] }> {
  const client = await findOAuthClient(ownerId, integration._id);
  if (!client) throw new ValidationError(`Set up your ${integration.name} OAuth client (client id and secret) first.`, { integrationSlug: ["has no OAuth client configured"] });
  return { clientId: client.clientId, clientSecret: await decryptSecret(client.secretCipher), scopes: client.scopes ?? [] };
}

/** Starts a flow: the provider's authorization URL to send the person to. */
export async function startConnect(
  actor: TActor,
  input: { integrationSlug: string; budgetId?: string | null; credentialId?: string | null },
): Promise<string> {
  const { ownerId } = requireUser(actor);
  const integration = await getIntegration(actor, input.integrationSlug);
  if (integration.oauth?.grant !== "authorization_code" || !integration.oauth.authorizeUrl) {
    throw new ValidationError("This integration is not connected through an OAuth 2 authorization.", { integrationSlug: ["does not use the authorization code grant"] });
  }
  const budget = input.budgetId ? await getBudget(actor, input.budgetId) : null;
  const credential = input.credentialId ? await getCredential(actor, input.credentialId) : null;
  if (credential && credential.integrationId !== integration._id) throw new ValidationError("The credential is for another integration.", { credentialId: ["belongs to another integration"] });
  const client = await clientOf(ownerId, integration);

  await OAuthState.deleteMany({ ownerId, expiresAt: { $lt: new Date() } });
  const state = base64url(randomBytes(32));
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash("sha256").update(verifier).digest());
  await OAuthState.create({
    _id: hashState(state),
    ownerId,
    integrationId: integration._id,
    budgetId: budget?._id.toString() ?? null,
    credentialId: credential?._id.toString() ?? null,
    verifierCipher: await encryptSecret(ownerId.toHexString(), verifier),
    redirectUri: callbackUrl(),
    expiresAt: new Date(Date.now() + FLOW_TTL_MS),
  });
  const scopes = client.scopes.length ? client.scopes : (integration.oauth.scopes ?? []);
  const url = new URL(integration.oauth.authorizeUrl);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", client.clientId);
  url.searchParams.set("redirect_uri", callbackUrl());
  if (scopes.length) url.searchParams.set("scope", scopes.join(" "));
  // OpenID Connect gives a refresh token for offline_access only when consent is asked for.
  if (scopes.includes("offline_access")) url.searchParams.set("prompt", "consent");
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", challenge);
  url.searchParams.set("code_challenge_method", "S256");
  return url.toString();
}

export class ConnectRefusedError extends ValidationError {
  constructor(message: string) {
    super(message, {});
  }
}

/**
 * Completes a flow from the provider's redirect. Refused, with nothing stored: an unknown, expired,
 * already used or another owner's state; an error from the provider; a code the provider will not
 * exchange (a wrong verifier, a code used twice).
 */
export async function finishConnect(
  actor: TActor,
  params: { state?: string | null; code?: string | null; error?: string | null },
): Promise<{ credential: TCredentialRecord; budgetId: string | null }> {
  const { ownerId } = requireUser(actor);
  if (!params.state) throw new ConnectRefusedError("The provider's answer has no state: start again from Connect.");
  const flow = await OAuthState.findOneAndDelete({ _id: hashState(params.state), ownerId }).lean<TOAuthState>();
  if (!flow || flow.expiresAt.getTime() < Date.now()) {
    throw new ConnectRefusedError("This connection is unknown, expired or already completed: start again from Connect.");
  }
  if (params.error) throw new ConnectRefusedError(`The provider did not grant access (${params.error.slice(0, 100)}).`);
  if (!params.code) throw new ConnectRefusedError("The provider's answer has no code: start again from Connect.");
  const integration = (await integrationsByIds([flow.integrationId])).get(flow.integrationId);
  if (!integration?.oauth) throw new ConnectRefusedError("The integration no longer exists.");
  const client = await clientOf(ownerId, integration);
  const verifier = await decryptSecret(flow.verifierCipher as Binary);
  const tokens = await requestToken(integration.oauth.tokenUrl, client, {
    grant_type: "authorization_code",
    code: params.code,
    redirect_uri: flow.redirectUri,
    code_verifier: verifier,
  }).catch((error: unknown) => {
    throw new ConnectRefusedError(
      error instanceof TokenEndpointError ? `The provider refused the authorization (${error.oauthError}). Start again from Connect.` : "The provider could not be reached.",
    );
  });
  let credential: TCredentialRecord;
  if (flow.credentialId) {
    credential = await getCredential(actor, flow.credentialId);
  } else {
    const created = await Credential.create({ _id: await listNewCredential(ownerId, integration._id),
      ownerId,
      integrationId: integration._id,
      integrationSlug: integration.slug,
      name: `${integration.name} account`,
      fields: [],
    });
    credential = created.toObject() as TCredentialRecord;
  }
  await storeTokens(credential, tokens);
  await recordAudit(ownerId, {
    action: flow.credentialId ? "credential.updated" : "credential.created",
    target: { type: "credential", id: credential._id.toString() },
    details: { integration: integration.slug, via: flow.credentialId ? "oauth_reconnect" : "oauth_connect" },
  });
  if (flow.budgetId) {
    await bindCredential(actor, { budgetId: flow.budgetId, integrationSlug: integration.slug, credentialId: credential._id.toString() });
  }
  return { credential, budgetId: flow.budgetId };
}
