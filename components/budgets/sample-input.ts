// The input of a first call for each built-in tool, for the curl samples: a command that works once
// pasted. Custom tools get an empty input. (When tools declare an input schema, its example belongs there.)
const SAMPLES: Record<string, unknown> = {
  "open-meteo": { latitude: 45.76, longitude: 4.84, current: "temperature_2m" },
  "tomorrow-weather": { location: "Lyon" },
  "openai-chat": { model: "gpt-4o-mini", messages: [{ role: "user", content: "Say hello" }] },
  "dataforseo-serp": [{ keyword: "vaultline", location_code: 2840, language_code: "en" }],
};

export function sampleInput(toolSlug: string): unknown {
  return SAMPLES[toolSlug] ?? {};
}
