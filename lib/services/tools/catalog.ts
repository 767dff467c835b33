// The built-in tools, one per way of passing credentials. Seeded idempotently at start. Input schemas
// describe the vendors' documented parameters; where a vendor takes many more options than listed
// (OpenAI), further properties are let through.
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
    inputSchema: {
      type: "object",
      properties: {
        location: { type: "string", minLength: 1, maxLength: 200, description: 'A place name ("Lyon"), "latitude,longitude" or a postcode.' },
        units: { enum: ["metric", "imperial"], description: "Units of the values (metric by default)." },
      },
      required: ["location"],
      additionalProperties: false,
    },
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
    inputSchema: {
      type: "object",
      properties: {
        model: { type: "string", minLength: 1, description: 'The model, e.g. "gpt-4o-mini".' },
        messages: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            properties: {
              role: { enum: ["system", "developer", "user", "assistant", "tool"] },
              content: { anyOf: [{ type: "string" }, { type: "array" }, { type: "null" }] },
              name: { type: "string" },
              tool_call_id: { type: "string" },
            },
            required: ["role"],
          },
          description: "The conversation so far.",
        },
        temperature: { type: "number", minimum: 0, maximum: 2 },
        top_p: { type: "number", minimum: 0, maximum: 1 },
        max_completion_tokens: { type: "integer", minimum: 1 },
        n: { type: "integer", minimum: 1, maximum: 128 },
        stream: { const: false, description: "Streaming answers are not passed on." },
        response_format: { type: "object" },
        tools: { type: "array" },
        user: { type: "string" },
      },
      required: ["model", "messages"],
    },
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
    inputSchema: {
      type: "object",
      properties: {
        keyword: { type: "string", minLength: 1, maxLength: 700, description: "The search query." },
        location_code: { type: "integer", minimum: 1, description: "DataForSEO location code, e.g. 2840 (United States)." },
        location_name: { type: "string", description: 'A location name instead of a code, e.g. "London,England,United Kingdom".' },
        language_code: { type: "string", pattern: "^[a-z]{2}(-[a-z]{2,4})?$", description: 'e.g. "en".' },
        device: { enum: ["desktop", "mobile"] },
        depth: { type: "integer", minimum: 1, maximum: 700, description: "How many results (100 by default)." },
      },
      required: ["keyword"],
      additionalProperties: false,
    },
  },
  {
    slug: "open-meteo",
    name: "Open-Meteo Forecast",
    description: "Weather forecast by latitude and longitude. Needs no credentials.",
    endpoint: { method: "GET", url: "https://api.open-meteo.com/v1/forecast" },
    costCents: 0,
    credentialFields: [],
    injection: [],
    inputSchema: {
      type: "object",
      properties: {
        latitude: { type: "number", minimum: -90, maximum: 90 },
        longitude: { type: "number", minimum: -180, maximum: 180 },
        current: { type: "string", description: 'Comma-separated variables, e.g. "temperature_2m,wind_speed_10m".' },
        hourly: { type: "string", description: 'Comma-separated variables, e.g. "temperature_2m,precipitation".' },
        daily: { type: "string", description: 'Comma-separated variables, e.g. "temperature_2m_max".' },
        timezone: { type: "string", description: 'An IANA time zone or "auto".' },
        forecast_days: { type: "integer", minimum: 0, maximum: 16 },
        past_days: { type: "integer", minimum: 0, maximum: 92 },
        temperature_unit: { enum: ["celsius", "fahrenheit"] },
        wind_speed_unit: { enum: ["kmh", "ms", "mph", "kn"] },
        precipitation_unit: { enum: ["mm", "inch"] },
      },
      required: ["latitude", "longitude"],
      additionalProperties: false,
    },
  },
];
