// The built-in tools, one per way of passing credentials. Seeded idempotently at start.
import type { TToolDefinitionInput } from "@/lib/services/tools/tool-definition";

export const BUILTIN_TOOLS: TToolDefinitionInput[] = [
  {
    slug: "tomorrow-weather",
    name: "Tomorrow.io Weather",
    description: "Current weather for a location. API key sent in the `apikey` header.",
    endpoint: { method: "GET", url: "https://api.tomorrow.io/v4/weather/realtime" },
    costCents: 1,
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
    injection: [{ in: "header", name: "apikey", template: "{{apiKey}}" }],
  },
  {
    slug: "openai-chat",
    name: "OpenAI Chat Completions",
    description: "Chat completions. Bearer token in the Authorization header; optional organization header.",
    endpoint: { method: "POST", url: "https://api.openai.com/v1/chat/completions" },
    costCents: 2,
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
    injection: [
      { in: "header", name: "Authorization", template: "Bearer {{apiKey}}" },
      { in: "header", name: "OpenAI-Organization", template: "{{organization}}" },
    ],
  },
  {
    slug: "dataforseo-serp",
    name: "DataForSEO SERP",
    description: "Live Google search results. Account login and password sent with HTTP basic auth.",
    endpoint: { method: "POST", url: "https://api.dataforseo.com/v3/serp/google/organic/live/advanced" },
    costCents: 2,
    credentialFields: [
      { key: "login", label: "API login", help: "The e-mail of your DataForSEO account.", secret: false, required: true },
      { key: "password", label: "API password", help: "From app.dataforseo.com → API access.", secret: true, required: true },
    ],
    injection: [
      { in: "basic_auth", name: "username", template: "{{login}}" },
      { in: "basic_auth", name: "password", template: "{{password}}" },
    ],
  },
  {
    slug: "open-meteo",
    name: "Open-Meteo Forecast",
    description: "Weather forecast by latitude and longitude. Needs no credentials.",
    endpoint: { method: "GET", url: "https://api.open-meteo.com/v1/forecast" },
    costCents: 0,
    credentialFields: [],
    injection: [],
  },
];
