// Injection templates: text with {{fieldKey}} placeholders, e.g. "Bearer {{token}}".
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export function templateKeys(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Fills the placeholders; a key with no value renders as an empty string. */
export function renderTemplate(template: string, values: Record<string, string | undefined>): string {
  return template.replace(PLACEHOLDER, (_, key: string) => values[key] ?? "");
}

/** Whether text can be sent in an HTTP header value: Node sends Latin-1 and refuses the rest. */
export function canTravelInHeader(text: string): boolean {
  return /^[\t\u0020-\u007e\u0080-\u00ff]*$/.test(text);
}
