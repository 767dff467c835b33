// Typed resolvers from the SDL. Output is generated (npm run codegen, run by build and typecheck) and
// not committed.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "graphql/**/schema.graphql",
  generates: {
    "graphql/generated/resolvers-types.ts": {
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        useTypeImports: true,
        contextType: "@/graphql/context#TGraphQLContext",
        scalars: { DateTime: "Date" },
        enumValues: {
          InjectionTarget: { HEADER: "header", QUERY: "query", BODY: "body", BASIC_AUTH: "basic_auth" },
          WarningKind: { MISSING_CREDENTIAL: "missing_credential", RECONNECT_REQUIRED: "reconnect_required", CREDENTIAL_REJECTED: "credential_rejected", CREDENTIAL_EXPIRING: "credential_expiring", CREDENTIAL_EXPIRED: "credential_expired" },
          VerificationOutcome: { ACCEPTED: "accepted", REJECTED: "rejected", UNREACHABLE: "unreachable", UNEXPECTED: "unexpected", NOT_CHECKED: "not_checked" },
          AuthKind: { NONE: "none", STATIC: "static", OAUTH2: "oauth2" },
          OAuthGrant: { CLIENT_CREDENTIALS: "client_credentials", AUTHORIZATION_CODE: "authorization_code" },
        },
        mappers: {
          Viewer: "@/lib/services/users/users.service#TUserRecord",
          Tool: "@/lib/services/tools/tools.service#TToolRecord",
          OAuthSettings: "@/models/integration#TOAuthSettings",
          VerifyRequest: "@/models/integration#TVerifyRequest",
          OAuthClient: "@/models/oauth-client#TOAuthClientRecord",
          CredentialVerification: "@/lib/services/credentials/verify-credential#TVerification",
          Integration: "@/lib/services/integrations/integrations.service#TIntegrationRecord",
          Credential: "@/lib/services/credentials/credentials.service#TCredentialRecord",
          Budget: "@/lib/services/budgets/budgets.service#TBudgetRecord",
          BudgetKey: "@/lib/services/budget-keys/budget-keys.service#TBudgetKeyRecord",
          Binding: "@/lib/services/bindings/bindings.service#TBindingRecord",
          AccessToken: "@/lib/services/tokens/access-tokens.service#TAccessTokenRecord",
          Warning: "@/lib/services/warnings/warnings.service#TWarningView",
          UsageRecord: "@/lib/services/usage/usage.service#TUsageView",
          ToolUsageTotals: "@/lib/services/usage/usage.service#TToolTotals",
          UsageConnection: "@/graphql/connections#TUsageConnectionSource",
        },
      },
    },
  },
};

export default config;
