// What an integration definition may contain: the one validation used by the catalog seed, GraphQL and
// the migration of tools saved before integrations.
import { z } from "zod";
import { ACCESS_TOKEN_KEY, AUTH_KINDS, OAUTH_GRANTS } from "@/models/integration-constants";

export { ACCESS_TOKEN_KEY };
import { ZCredentialFieldDefinition, ZToolSlug } from "@/lib/services/tools/tool-definition";

const ZHttpsUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .max(2048)
  .refine((u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password), "must not contain credentials");

const ZScope = z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/, "is not a valid OAuth scope (RFC 6749 §3.3)");

export const ZOAuthSettings = z.object({
  grant: z.enum(OAUTH_GRANTS),
  tokenUrl: ZHttpsUrl,
  authorizeUrl: ZHttpsUrl.optional(),
  revocationUrl: ZHttpsUrl.optional(),
  scopes: z.array(ZScope).max(50).default([]),
});

/** A client-credentials credential is the OAuth client itself: its id and secret, which Vaultline trades for tokens. */
export const CLIENT_CREDENTIAL_FIELDS = [
  { key: "clientId", label: "Client ID", secret: false, required: true, hint: false },
  { key: "clientSecret", label: "Client secret", secret: true, required: true, hint: false },
];

export const ZIntegrationDefinition = z
  .object({
    slug: ZToolSlug,
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(500).default(""),
    authKind: z.enum(AUTH_KINDS),
    credentialFields: z.array(ZCredentialFieldDefinition).max(20).default([]),
    oauth: ZOAuthSettings.optional(),
    verify: z.object({ method: z.enum(["GET", "POST"]), url: ZHttpsUrl }).optional(),
  })
  .superRefine((definition, ctx) => {
    const at = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const keys = new Set<string>();
    definition.credentialFields.forEach((field, i) => {
      if (keys.has(field.key)) at(["credentialFields", i, "key"], "is declared twice");
      keys.add(field.key);
    });
    if (definition.authKind === "oauth2") {
      if (!definition.oauth) at(["oauth"], "is required for an OAuth 2 integration");
      if (definition.credentialFields.length) at(["credentialFields"], "come from the grant for an OAuth 2 integration: leave them out");
      if (definition.oauth?.grant === "authorization_code" && !definition.oauth.authorizeUrl) {
        at(["oauth", "authorizeUrl"], "is required for the authorization code grant");
      }
    } else if (definition.oauth) {
      at(["oauth"], "is only for an OAuth 2 integration");
    }
    if (definition.authKind === "none" && definition.credentialFields.length) at(["credentialFields"], "need an auth kind other than none");
    if (definition.authKind === "static" && !definition.credentialFields.length) at(["credentialFields"], "are required for a static credential");
    if (definition.authKind === "none" && definition.verify) at(["verify"], "needs a credential to verify");
  })
  .transform((definition) => ({
    ...definition,
    // Stored, so every credential form and check treats an OAuth client like any other fields.
    credentialFields: definition.oauth?.grant === "client_credentials" ? CLIENT_CREDENTIAL_FIELDS : definition.credentialFields,
    oauth: definition.oauth ?? null,
    verify: definition.verify ?? null,
  }));

export type TIntegrationDefinitionInput = z.input<typeof ZIntegrationDefinition>;
export type TIntegrationDefinition = z.output<typeof ZIntegrationDefinition>;

/** The keys a tool of this integration may put in its templates. */
export function integrationTemplateKeys(integration: { authKind: string; credentialFields: { key: string }[] }): Set<string> {
  const keys = new Set(integration.credentialFields.map((f) => f.key));
  if (integration.authKind === "oauth2") keys.add(ACCESS_TOKEN_KEY);
  return keys;
}
