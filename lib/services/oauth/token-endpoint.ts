// Requests to an OAuth 2 token endpoint (RFC 6749 §3.2): client credentials, refresh and code grants.
// Sent like a vendor call (callVendor: the same address policy, deadline and size cap), the client
// authenticated with HTTP Basic (§2.3.1, form-encoded id and secret). Nothing here is logged: the
// request and the answer both hold secrets.
import { env } from "@/lib/env";
import { callVendor } from "@/lib/services/invoke/vendor-client";
import { SIDE_POOLS } from "@/lib/services/invoke/side-pools";

export type TOAuthClient = { clientId: string; clientSecret: string };
export type TTokenAnswer = { accessToken: string; refreshToken: string | null; expiresAt: Date | null };

/**
 * permanent: the grant or client is refused for good (invalid_grant, invalid_client, unauthorized_client):
 * the credential needs reconnecting. Otherwise the provider is away or misbehaving: try again later.
 */
export class TokenEndpointError extends Error {
  constructor(
    readonly permanent: boolean,
    readonly oauthError: string,
  ) {
    super(`The token endpoint refused: ${oauthError}`);
  }
}

const PERMANENT = new Set(["invalid_grant", "invalid_client", "unauthorized_client", "unsupported_grant_type", "invalid_scope"]);

/** Form-encoding as §2.3.1 asks for the id and secret inside the Basic header. */
function basicAuth({ clientId, clientSecret }: TOAuthClient): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString("base64")}`;
}

export function requestToken(tokenUrl: string, client: TOAuthClient, params: Record<string, string>): Promise<TTokenAnswer> {
  const config = env();
  return new Promise((resolve, reject) => {
    callVendor(
      {
        method: "POST",
        url: new URL(tokenUrl),
        headers: {
          accept: "application/json",
          "content-type": "application/x-www-form-urlencoded",
          "user-agent": "vaultline-gateway",
          authorization: basicAuth(client),
        },
        body: new URLSearchParams(params).toString(),
      },
      { timeoutMs: config.VAULTLINE_VENDOR_TIMEOUT_MS, maxBytes: 64 * 1024, allowPrivate: config.VAULTLINE_ALLOW_PRIVATE_HOSTS },
      SIDE_POOLS,
      (error, response) => {
        if (error || !response) return reject(new TokenEndpointError(false, error?.code ?? "unreachable"));
        let answer: Record<string, unknown> = {};
        try {
          answer = JSON.parse(response.body.toString("utf8")) as Record<string, unknown>;
        } catch {
          // not JSON: judged by the status below
        }
        if (response.status !== 200 || typeof answer.access_token !== "string" || !answer.access_token) {
          const code = typeof answer.error === "string" ? answer.error : `status_${response.status}`;
          return reject(new TokenEndpointError(response.status >= 400 && response.status < 500 && PERMANENT.has(code), code));
        }
        // expires_in counts whole seconds from when the provider issued the token (its clock rounds down):
        // a second less, so that a token is never sent once the provider considers it expired.
        const expiresIn = Number(answer.expires_in) - 1;
        resolve({
          accessToken: answer.access_token,
          refreshToken: typeof answer.refresh_token === "string" && answer.refresh_token ? answer.refresh_token : null,
          expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000) : null,
        });
      },
    );
  });
}

/** Revokes a token at the provider (RFC 7009); resolves whether the provider accepted (200). */
export function revokeToken(revocationUrl: string, client: TOAuthClient, token: string, hint: "refresh_token" | "access_token"): Promise<boolean> {
  const config = env();
  return new Promise((resolve) => {
    callVendor(
      {
        method: "POST",
        url: new URL(revocationUrl),
        headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "vaultline-gateway", authorization: basicAuth(client) },
        body: new URLSearchParams({ token, token_type_hint: hint }).toString(),
      },
      { timeoutMs: config.VAULTLINE_VENDOR_TIMEOUT_MS, maxBytes: 64 * 1024, allowPrivate: config.VAULTLINE_ALLOW_PRIVATE_HOSTS },
      SIDE_POOLS,
      (error, response) => resolve(!error && response?.status === 200),
    );
  });
}
