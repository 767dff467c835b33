// The closed lists of an integration definition, without mongoose, so browser code can import them.
// none: the tools need no credential; static: fields typed by a person; oauth2: tokens Vaultline obtains.
export const AUTH_KINDS = ["none", "static", "oauth2"] as const;
export const OAUTH_GRANTS = ["client_credentials", "authorization_code"] as const;

export type TAuthKind = (typeof AUTH_KINDS)[number];
export type TOAuthGrant = (typeof OAUTH_GRANTS)[number];

/** The template key an OAuth 2 integration's tools inject: "Bearer {{accessToken}}". */
export const ACCESS_TOKEN_KEY = "accessToken";
