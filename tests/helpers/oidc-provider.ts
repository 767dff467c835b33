// A real OAuth 2 authorization server for tests: oidc-provider (spec-compliant, maintained), started in
// the test's process with one confidential client, client credentials, refresh-token rotation, PKCE,
// revocation and short token lives; plus a small protected API that accepts only tokens the provider
// issued and still holds valid, and echoes the token back (so scrubbing is tested on it).
import { createServer, type Server } from "node:http";
import { freePort } from "@/tests/helpers/app-server";

export const CLIENT_ID = "vaultline-test";
export const CLIENT_SECRET = "client-secret-canary-9f3e1c7a5b";

export type TTestProvider = {
  issuer: string;
  tokenUrl: string;
  authorizeUrl: string;
  revocationUrl: string;
  apiUrl: string;
  /** Successful grants by grant_type. */
  grants: Record<string, number>;
  /** Every token the provider issued (read from its answers), to check that none leaks. */
  issued: string[];
  /** Tokens the API saw and whether each was valid. */
  apiCalls: { token: string; valid: boolean }[];
  /** A refresh token issued for a grant with offline_access, as a real consent would give. */
  mintRefreshToken: () => Promise<string>;
  /** While true, the provider's endpoints answer 503 (an outage); its API keeps checking tokens. */
  setDown: (down: boolean) => void;
  /** Whether the provider still honours this refresh token. */
  isRefreshTokenActive: (value: string) => Promise<boolean>;
  /** Ends a grant as a person revoking consent at the provider would. */
  revokeGrantOf: (refreshToken: string) => Promise<void>;
  close: () => Promise<void>;
};

type TAny = any;

export async function startTestProvider(options: { accessTokenTtl: number; redirectUri?: string }): Promise<TTestProvider> {
  // Imported by name: the package is ESM without type declarations.
  const packageName = "oidc-provider";
  const { default: Provider } = (await import(packageName)) as { default: TAny };
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_types: ["client_credentials", "authorization_code", "refresh_token"],
        response_types: ["code"],
        redirect_uris: [options.redirectUri ?? "http://127.0.0.1/callback"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    features: { clientCredentials: { enabled: true }, revocation: { enabled: true }, devInteractions: { enabled: true } },
    ttl: { AccessToken: options.accessTokenTtl, ClientCredentials: options.accessTokenTtl, RefreshToken: 3600, Grant: 3600 },
    rotateRefreshToken: true,
    scopes: ["openid", "offline_access"],
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id }) }),
  });
  provider.proxy = false;
  const grants: Record<string, number> = {};
  const issued: string[] = [];
  provider.on("grant.success", (ctx: TAny) => {
    const type = String(ctx.oidc.params.grant_type);
    grants[type] = (grants[type] ?? 0) + 1;
    for (const key of ["access_token", "refresh_token"]) if (typeof ctx.body?.[key] === "string") issued.push(ctx.body[key]);
  });
  let down = false;
  const callback = provider.callback();
  const server: Server = createServer((req, res) => {
    if (!down) return callback(req, res);
    res.writeHead(503, { "content-type": "application/json" });
    res.end('{"error":"temporarily_unavailable"}');
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));

  const apiCalls: TTestProvider["apiCalls"] = [];
  const apiPort = await freePort();
  const api: Server = createServer(async (req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    const found = token && ((await provider.AccessToken.find(token)) ?? (await provider.ClientCredentials.find(token)));
    const valid = !!found && !found.isExpired;
    apiCalls.push({ token, valid });
    res.writeHead(valid ? 200 : 401, { "content-type": "application/json" });
    res.end(JSON.stringify(valid ? { ok: true, subject: found.accountId ?? found.clientId, echo: token } : { error: "invalid_token", echo: token }));
  });
  await new Promise<void>((resolve) => api.listen(apiPort, "127.0.0.1", resolve));

  return {
    issuer,
    tokenUrl: `${issuer}/token`,
    authorizeUrl: `${issuer}/auth`,
    revocationUrl: `${issuer}/token/revocation`,
    apiUrl: `http://127.0.0.1:${apiPort}/me`,
    grants,
    issued,
    apiCalls,
    mintRefreshToken: async () => {
      const grant = new provider.Grant({ accountId: "person-1", clientId: CLIENT_ID });
      grant.addOIDCScope("openid offline_access");
      const grantId = await grant.save();
      const client = await provider.Client.find(CLIENT_ID);
      const refreshToken = new provider.RefreshToken({
        accountId: "person-1",
        client,
        grantId,
        scope: "openid offline_access",
        gty: "authorization_code",
        authTime: Math.floor(Date.now() / 1000),
      });
      return refreshToken.save();
    },
    setDown: (value: boolean) => {
      down = value;
    },
    isRefreshTokenActive: async (value: string) => !!(await provider.RefreshToken.find(value)),
    revokeGrantOf: async (value: string) => {
      const token = await provider.RefreshToken.find(value);
      if (token) await provider.Grant.adapter.destroy(token.grantId);
      if (token) await token.destroy();
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => api.close(() => resolve()));
    },
  };
}
