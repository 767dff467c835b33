// The tool form's state (a draft of a tool definition) and what is computed from it: the definition the
// form sends, the slug it suggests, and where each server error goes.
import type { TFieldErrors } from "@/lib/services/errors";
import type { TToolDefinitionInput } from "@/lib/services/tools/tool-definition";
import type { TToolRecord } from "@/lib/services/tools/tools.service";
import { dollarsFromCents } from "@/lib/services/budgets/money";
import type { THttpMethod, TInjectionTarget } from "@/models/tool-constants";

/** A credential field row; `id` is the row's identity while rows are added and removed (React key, ids). */
export type TFieldRow = { id: number; key: string; label: string; help: string; secret: boolean; required: boolean; hint: boolean; pattern: string };
export type TRuleRow = { id: number; in: TInjectionTarget; name: string; template: string };

export type TToolDraft = {
  name: string;
  slug: string;
  description: string;
  method: THttpMethod;
  url: string;
  /** In dollars, as typed ("0.05"); the action turns it into cents. */
  cost: string;
  /** The input's JSON Schema as typed; empty: any object. */
  inputSchema: string;
  /** Input properties sent in the query, comma-separated as typed. */
  queryParams: string;
  fields: TFieldRow[];
  rules: TRuleRow[];
};

export const EMPTY_DRAFT: TToolDraft = { name: "", slug: "", description: "", method: "GET", url: "", cost: "0.00", inputSchema: "", queryParams: "", fields: [], rules: [] };

export function newFieldRow(id: number): TFieldRow {
  return { id, key: "", label: "", help: "", secret: true, required: true, hint: false, pattern: "" };
}

export function newRuleRow(id: number): TRuleRow {
  return { id, in: "header", name: "", template: "" };
}

/** The definition as the service validates it (ZToolDefinition); the form checks nothing itself. */
export function toDefinition(draft: TToolDraft): TToolDefinitionInput {
  return {
    slug: draft.slug.trim(),
    name: draft.name,
    description: draft.description,
    endpoint: {
      method: draft.method,
      url: draft.url.trim(),
      // A GET sends all its input in the query: the field is hidden then, and what it held does not count.
      queryParams: queryParamList(draft),
    },
    inputSchema: draft.inputSchema.trim() || undefined,
    credentialFields: draft.fields.map((f) => ({
      key: f.key.trim(),
      label: f.label,
      help: f.help.trim() || undefined,
      secret: f.secret,
      required: f.required,
      hint: f.secret && f.hint,
      pattern: f.pattern || undefined,
    })),
    injection: draft.rules.map((r) => ({ in: r.in, name: r.name.trim(), template: r.template })),
  };
}

/**
 * A saved tool as a draft: to edit it, or to start a new one from it (`copy`: no slug, "Copy of" its
 * name). Row ids start at 1, as the form numbers new rows after them.
 */
export function draftFromTool(tool: TToolRecord, copy: boolean): TToolDraft {
  let id = 1;
  return {
    name: copy ? `Copy of ${tool.name}`.slice(0, 100) : tool.name,
    slug: copy ? "" : tool.slug,
    description: tool.description ?? "",
    method: tool.endpoint.method as THttpMethod,
    url: tool.endpoint.url,
    cost: dollarsFromCents(tool.costCents ?? 0),
    inputSchema: tool.inputSchema ? JSON.stringify(JSON.parse(tool.inputSchema), null, 2) : "",
    queryParams: (tool.endpoint.queryParams ?? []).join(", "),
    fields: tool.credentialFields.map((f) => ({ id: id++, key: f.key, label: f.label, help: f.help ?? "", secret: f.secret, required: f.required, hint: !!f.hint, pattern: f.pattern ?? "" })),
    rules: tool.injection.map((r) => ({ id: id++, in: r.in as TInjectionTarget, name: r.name, template: r.template })),
  };
}

/** The query parameters as sent: none for a GET (the field is hidden then, and what it held does not count). */
export function queryParamList(draft: Pick<TToolDraft, "method" | "queryParams">): string[] {
  return draft.method === "GET" ? [] : draft.queryParams.split(",").map((p) => p.trim()).filter(Boolean);
}

/** The keys a template can use, as typed so far, once each. */
export function availableKeys(fields: TFieldRow[]): string[] {
  return [...new Set(fields.map((f) => f.key.trim()).filter(Boolean))];
}

/** A suggestion while the slug is untouched; the server decides what a valid slug is. */
export function suggestSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
}

export const fieldRowPath = (index: number) => `credentialFields.${index}`;
export const ruleRowPath = (index: number) => `injection.${index}`;

/**
 * Every error path a control of the form shows next to itself, for this draft. Errors at any other path
 * are listed under the form, so none is lost. Kept next to the rows' paths above: a control that shows a
 * new path adds it here.
 */
export function pathsShownByControls(draft: TToolDraft): Set<string> {
  return new Set([
    "name",
    "slug",
    "description",
    "endpoint.method",
    "endpoint.url",
    "costCents",
    "inputSchema",
    ...(draft.method === "GET" ? [] : ["endpoint.queryParams", ...queryParamList(draft).map((_, i) => `endpoint.queryParams.${i}`)]),
    "credentialFields",
    "injection",
    ...draft.fields.flatMap((field, i) =>
      ["key", "label", "help", "pattern", "secret", "required", ...(field.secret ? ["hint"] : [])].map((part) => `${fieldRowPath(i)}.${part}`),
    ),
    ...draft.rules.flatMap((_, i) => ["in", "name", "template"].map((part) => `${ruleRowPath(i)}.${part}`)),
  ]);
}

/** Moves errors keyed `${list}.${n}.…` up by one for rows after the removed index; drops the removed row's. */
export function withoutRow(errors: TFieldErrors, list: "credentialFields" | "injection", index: number): TFieldErrors {
  const out: TFieldErrors = {};
  for (const [path, messages] of Object.entries(errors)) {
    const match = new RegExp(`^${list}\\.(\\d+)(\\..*)?$`).exec(path);
    if (!match) {
      out[path] = messages;
      continue;
    }
    const n = Number(match[1]);
    if (n === index) continue;
    out[n > index ? `${list}.${n - 1}${match[2] ?? ""}` : path] = messages;
  }
  return out;
}
