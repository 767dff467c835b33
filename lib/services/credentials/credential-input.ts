// Checks submitted credential values against the tool's credential schema. The one implementation of
// "required" and "pattern": GraphQL, server actions and the dashboard form all end up here.
// Error messages name fields and rules, never the submitted values. A credential field's errors have one
// key, `fields.<its key>`, whichever check finds them, so every caller can show them next to that field.
import { z } from "zod";
import type { TCredentialField, TTool } from "@/models/tool";
import { fieldErrorsFromIssues, type TFieldErrors } from "@/lib/services/errors";
import { canTravelInHeader, templateKeys } from "@/lib/services/tools/templates";
import { testPattern } from "@/lib/services/tools/tool-pattern";
import { MIN_SCRUB_LENGTH } from "@/lib/services/invoke/scrub";

export const MAX_VALUE_LENGTH = 4096;

const NAME_REQUIRED = "Give the credential a name, e.g. “Production”.";
const NAME_TOO_LONG = "The name is too long: at most 100 characters.";

export const ZFieldValue = z.object({
  key: z.string().min(1).max(64),
  value: z.string().max(MAX_VALUE_LENGTH, `This value is too long: at most ${MAX_VALUE_LENGTH.toLocaleString("en-US")} characters.`),
});

// For an integration, named directly or by one of its tools (the form a setup link opens names a tool).
export const ZCreateCredentialShape = z.object({
  toolSlug: z.string().min(1).max(100).optional(),
  integrationSlug: z.string().min(1).max(100).optional(),
  name: z.string().trim().min(1, NAME_REQUIRED).max(100, NAME_TOO_LONG),
  fields: z.array(ZFieldValue).max(20).default([]),
  /** When the secret stops working (the vendor's expiry); warned about 14 and 3 days before and at it. */
  expiresAt: z.coerce.date().nullable().optional(),
});
export const ZCreateCredentialInput = ZCreateCredentialShape.refine((input) => !!input.toolSlug !== !!input.integrationSlug, { path: ["integrationSlug"], message: "name either the integration or a tool of it" });

export const ZUpdateCredentialInput = z.object({
  name: z.string().trim().min(1, NAME_REQUIRED).max(100, NAME_TOO_LONG).optional(),
  fields: z.array(ZFieldValue).max(20).optional(),
  /** null removes the expiry date. */
  expiresAt: z.coerce.date().nullable().optional(),
});

export type TCreateCredentialInput = z.infer<typeof ZCreateCredentialInput>;
export type TUpdateCredentialInput = z.infer<typeof ZUpdateCredentialInput>;

/**
 * zod's issues with a credential input, as field errors in this module's one scheme: an issue inside the
 * i-th submitted field is keyed `fields.<that field's key>`, not by its position. An issue with the list
 * itself (too long, not a list) or with an entry whose key is unusable stays under `fields`.
 */
export function credentialInputErrors(issues: { path: PropertyKey[]; message: string }[], input: unknown): TFieldErrors {
  const submitted: unknown[] = isRecord(input) && Array.isArray(input.fields) ? input.fields : [];
  return fieldErrorsFromIssues(
    issues.map((issue) => {
      const [head, index] = issue.path;
      if (head !== "fields" || typeof index !== "number") return issue;
      const entry = submitted[index];
      const key = isRecord(entry) ? entry.key : undefined;
      return { ...issue, path: ZFieldValue.shape.key.safeParse(key).success ? ["fields", key as string] : ["fields"] };
    }),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** A tool's pattern must match the whole value (RE2, linear time). Also the dashboard form's hint while typing. */
export function matchesPattern(pattern: string, value: string): boolean {
  return testPattern(pattern, value) === "match";
}

/**
 * Validates submitted values against the tool's schema. `kept` names fields that already have a stored
 * value and were left out (an update keeps them), so "required" is satisfied by them. An empty string
 * clears an optional field.
 */
export function checkFieldValues(
  tool: { credentialFields: TCredentialField[]; injection: readonly Pick<TTool["injection"][number], "in" | "template">[] },
  submitted: { key: string; value: string }[],
  kept: Set<string> = new Set(),
): TFieldErrors {
  const schema = tool.credentialFields;
  // Fields sent in a header, checked here rather than failing every call later (vendor_request_invalid).
  const inHeaders = new Set(tool.injection.filter((rule) => rule.in === "header").flatMap((rule) => templateKeys(rule.template)));
  const errors: TFieldErrors = {};
  const add = (key: string, message: string) => (errors[`fields.${key}`] ??= []).push(message);
  const byKey = new Map(schema.map((f) => [f.key, f]));
  const seen = new Set<string>();

  for (const { key, value } of submitted) {
    const field = byKey.get(key);
    if (!field) {
      add(key, "This tool has no such field.");
      continue;
    }
    if (seen.has(key)) add(key, "This field was sent twice.");
    seen.add(key);
    if (value === "") {
      if (field.required) add(key, requiredMessage(field.label));
      continue;
    }
    if (/[\u0000-\u001f\u007f]/.test(value)) add(key, `The ${field.label} must not contain line breaks, tabs or other control characters.`);
    else if (inHeaders.has(key) && !canTravelInHeader(value)) add(key, `The ${field.label} contains characters an HTTP header cannot carry (the tool sends it in a header). Paste it again without accents or symbols.`);
    // Refused rather than stored unscrubbed: agents would see it in any answer that echoes it.
    else if (field.secret && value.length < MIN_SCRUB_LENGTH) add(key, `The ${field.label} is too short to keep out of what agents see: a secret needs at least ${MIN_SCRUB_LENGTH} characters.`);
    else if (field.pattern) {
      // A pattern stored before tools had to use RE2 syntax, which RE2 refuses: the value cannot be
      // checked, so it is not saved, and the message says what to do (a custom tool is its owner's).
      const result = testPattern(field.pattern, value);
      if (result === "unsupported") add(key, `The ${field.label} cannot be checked: this tool's pattern for it is not RE2 syntax, which Vaultline now requires. Create the tool again with a supported pattern.`);
      else if (result === "mismatch") add(key, formatMessage(field));
    }
  }
  for (const field of schema) {
    if (field.required && !seen.has(field.key) && !kept.has(field.key)) add(field.key, requiredMessage(field.label));
  }
  return errors;
}

/** "Enter the API key.": a sentence that says what to do, rather than "is required". */
function requiredMessage(label: string): string {
  return `Enter the ${label}.`;
}

/** A pattern is not something people read: the field's help says what the value looks like and where to find it. */
function formatMessage(field: Pick<TCredentialField, "label" | "help">): string {
  const base = `This does not look like a valid ${field.label}.`;
  return field.help ? `${base} ${field.help}` : `${base} Check that it was copied whole, without spaces.`;
}
