// The built-in integrations: one per vendor account the built-in tools talk to. Seeded at start with the
// tools (lib/services/tools/catalog.ts names each tool's integration).
import type { TIntegrationDefinitionInput } from "@/lib/services/integrations/integration-definition";

export const BUILTIN_INTEGRATIONS: TIntegrationDefinitionInput[] = [
  {
    slug: "tomorrow",
    name: "Tomorrow.io",
    description: "Weather data. An API key.",
    authKind: "static",
    credentialFields: [
      {
        key: "apiKey",
        label: "API key",
        help: "From app.tomorrow.io → Development → API keys.",
        secret: true,
        required: true,
        pattern: "[A-Za-z0-9]{32}",
        hint: true,
      },
    ],
  },
  {
    slug: "openai",
    name: "OpenAI",
    description: "The OpenAI API. A secret API key, and optionally an organization.",
    authKind: "static",
    credentialFields: [
      {
        key: "apiKey",
        label: "API key",
        help: "A secret key from platform.openai.com → API keys (starts with sk-).",
        secret: true,
        required: true,
        pattern: "sk-[A-Za-z0-9_-]{20,}",
        hint: true,
      },
      { key: "organization", label: "Organization ID", secret: false, required: false, pattern: "org-[A-Za-z0-9]+" },
    ],
    verify: { method: "GET", url: "https://api.openai.com/v1/models" },
  },
  {
    slug: "dataforseo",
    name: "DataForSEO",
    description: "Search data. Account login and API password (HTTP basic auth).",
    authKind: "static",
    credentialFields: [
      { key: "login", label: "API login", help: "The e-mail of your DataForSEO account.", secret: false, required: true },
      { key: "password", label: "API password", help: "From app.dataforseo.com → API access.", secret: true, required: true },
    ],
  },
  {
    slug: "open-meteo",
    name: "Open-Meteo",
    description: "Free weather forecasts. Needs no credentials.",
    authKind: "none",
  },
  {
    slug: "github",
    name: "GitHub",
    description: "Repositories, issues and pull requests of one GitHub account. A personal access token.",
    authKind: "static",
    credentialFields: [
      {
        key: "token",
        label: "Personal access token",
        help: "From github.com → Settings → Developer settings → Personal access tokens (starts with ghp_ or github_pat_).",
        secret: true,
        required: true,
        pattern: "(ghp_|github_pat_|gho_|ghu_|ghs_)[A-Za-z0-9_]{20,}",
        hint: true,
      },
    ],
    verify: { method: "GET", url: "https://api.github.com/user" },
  },
];
