// The built-in tools, one per way of passing credentials, each of a built-in integration
// (lib/services/integrations/catalog.ts), whose credential it injects. Seeded idempotently at start. Input schemas
// describe the vendors' documented parameters; where a vendor takes many more options than listed
// (OpenAI), further properties are let through.
import type { TToolDefinitionInput } from "@/lib/services/tools/tool-definition";

// GitHub's REST API takes the token as a bearer token (the gateway always sends a User-Agent, which it requires).
const GITHUB_HEADERS = [{ in: "header" as const, name: "Authorization", template: "Bearer {{token}}" }];

export const BUILTIN_TOOLS: TToolDefinitionInput[] = [
  {
    slug: "tomorrow-weather",
    name: "Tomorrow.io Weather",
    description: "Current weather for a location. API key sent in the `apikey` header.",
    endpoint: { method: "GET", url: "https://api.tomorrow.io/v4/weather/realtime" },
    costCents: 1,
    integration: "tomorrow",
    injection: [{ in: "header", name: "apikey", template: "{{apiKey}}" }],
    inputSchema: {
      type: "object",
      properties: {
        location: { type: "string", minLength: 1, maxLength: 200, examples: ["Lyon"], description: 'A place name ("Lyon"), "latitude,longitude" or a postcode.' },
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
    integration: "openai",
    injection: [
      { in: "header", name: "Authorization", template: "Bearer {{apiKey}}" },
      { in: "header", name: "OpenAI-Organization", template: "{{organization}}" },
    ],
    inputSchema: {
      type: "object",
      properties: {
        model: { type: "string", minLength: 1, examples: ["gpt-4o-mini"], description: 'The model, e.g. "gpt-4o-mini".' },
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
          examples: [[{ role: "user", content: "Say hello" }]],
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
    integration: "dataforseo",
    injection: [
      { in: "basic_auth", name: "username", template: "{{login}}" },
      { in: "basic_auth", name: "password", template: "{{password}}" },
    ],
    inputSchema: {
      type: "object",
      properties: {
        keyword: { type: "string", minLength: 1, maxLength: 700, examples: ["vaultline"], description: "The search query." },
        location_code: { type: "integer", minimum: 1, examples: [2840], description: "DataForSEO location code, e.g. 2840 (United States)." },
        location_name: { type: "string", description: 'A location name instead of a code, e.g. "London,England,United Kingdom".' },
        language_code: { type: "string", pattern: "^[a-z]{2}(-[a-z]{2,4})?$", examples: ["en"], description: 'e.g. "en".' },
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
    integration: "open-meteo",
    injection: [],
    inputSchema: {
      type: "object",
      properties: {
        latitude: { type: "number", minimum: -90, maximum: 90, examples: [45.76] },
        longitude: { type: "number", minimum: -180, maximum: 180, examples: [4.84] },
        current: { type: "string", examples: ["temperature_2m"], description: 'Comma-separated variables, e.g. "temperature_2m,wind_speed_10m".' },
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
  {
    slug: "github-list-issues",
    name: "GitHub: list issues",
    description: "Open issues of a repository, newest first. The GitHub integration's token as a bearer token.",
    endpoint: { method: "GET", url: "https://api.github.com/repos/{owner}/{repo}/issues" },
    costCents: 0,
    integration: "github",
    injection: GITHUB_HEADERS,
    inputSchema: {
      type: "object",
      properties: {
        owner: { type: "string", pattern: "^[A-Za-z0-9-]{1,39}$", examples: ["octocat"], description: "The account that owns the repository." },
        repo: { type: "string", pattern: "^[A-Za-z0-9._-]{1,100}$", examples: ["hello-world"], description: "The repository's name." },
        state: { enum: ["open", "closed", "all"] },
        labels: { type: "string", description: "Comma-separated label names." },
        per_page: { type: "integer", minimum: 1, maximum: 100 },
        page: { type: "integer", minimum: 1 },
      },
      required: ["owner", "repo"],
      additionalProperties: false,
    },
  },
  {
    slug: "github-create-issue",
    name: "GitHub: create issue",
    description: "Opens an issue in a repository. The GitHub integration's token as a bearer token.",
    endpoint: { method: "POST", url: "https://api.github.com/repos/{owner}/{repo}/issues" },
    costCents: 1,
    integration: "github",
    injection: GITHUB_HEADERS,
    inputSchema: {
      type: "object",
      properties: {
        owner: { type: "string", pattern: "^[A-Za-z0-9-]{1,39}$", examples: ["octocat"] },
        repo: { type: "string", pattern: "^[A-Za-z0-9._-]{1,100}$", examples: ["hello-world"] },
        title: { type: "string", minLength: 1, maxLength: 256, examples: ["Filed by an agent"] },
        body: { type: "string", maxLength: 65536 },
        labels: { type: "array", items: { type: "string" }, maxItems: 20 },
        assignees: { type: "array", items: { type: "string" }, maxItems: 10 },
      },
      required: ["owner", "repo", "title"],
      additionalProperties: false,
    },
  },
];
