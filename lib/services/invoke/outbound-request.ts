// Builds the request to the vendor from the tool's endpoint, its injection rules and the agent's input,
// in two steps: what depends only on the tool and the credential is prepared once per call plan
// (invoke.service.ts); each call then adds its input. Input named by a path parameter fills it; the rest
// goes as query parameters for GET, and as the JSON body otherwise, except the properties the tool sends
// in the query (`queryParams`). Injected values win over input of the same name, so an agent cannot
// override a credential's slot.
import type { TInjection } from "@/models/tool";
import type { TFieldErrors } from "@/lib/services/errors";
import { renderTemplate } from "@/lib/services/tools/templates";
import { splitParsedPath } from "@/lib/services/tools/path-parameters";

export type TOutboundRequest = {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | null;
};

/** The part of every call's request that does not depend on the agent's input. */
export type TOutboundTemplate = {
  method: string;
  /** Shared by every call of the plan: never changed, copied when a call adds query parameters. */
  url: URL;
  /** Complete, injected credentials included; shared like `url`. */
  headers: Record<string, string>;
  query: [name: string, value: string][];
  body: [path: string, value: string][];
  /** The path split around its parameters (literal parts at even indexes, names at odd); null without any. */
  pathParts: string[] | null;
  /** Input properties sent in the query string of a request with a body. */
  queryParams: ReadonlySet<string>;
};

type TJson = Record<string, unknown>;

export function prepareOutbound(
  endpoint: { method: string; url: string; queryParams?: string[] | null },
  injection: TInjection[],
  values: Record<string, string>,
): TOutboundTemplate {
  const inQuery = endpoint.method === "GET";
  const headers: Record<string, string> = { accept: "application/json", "user-agent": "vaultline-gateway" };
  if (!inQuery) headers["content-type"] = "application/json";
  const url = new URL(endpoint.url);
  const parts = splitParsedPath(url.pathname);
  const template: TOutboundTemplate = {
    method: endpoint.method,
    url,
    headers,
    query: [],
    body: [],
    pathParts: parts.length > 1 ? parts : null,
    queryParams: new Set(endpoint.queryParams ?? []),
  };

  const basic: { username?: string; password?: string } = {};
  for (const rule of injection) {
    const rendered = renderTemplate(rule.template, values);
    // An optional field left empty leaves its slot out rather than sending an empty credential.
    if (rendered.trim() === "") continue;
    switch (rule.in) {
      case "header":
        headers[rule.name.toLowerCase()] = rendered;
        break;
      case "query":
        template.query.push([rule.name, rendered]);
        break;
      case "body":
        template.body.push([rule.name, rendered]);
        break;
      case "basic_auth":
        basic[rule.name as "username" | "password"] = rendered;
        break;
    }
  }
  if (basic.username !== undefined || basic.password !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${basic.username ?? ""}:${basic.password ?? ""}`).toString("base64")}`;
  }
  return template;
}

const PATH_VALUE_MESSAGE = 'must be a non-empty string or a number, and not "." or ".." (it fills the path)';

/**
 * Why the input cannot fill the endpoint's path, or null. Checked before the call is charged. Each value
 * is percent-encoded whole ("/", "?", "#", "%" and the rest), so it stays one segment of the path and can
 * neither reach the host nor add a query; a segment that would read as "." or ".." is refused, as the URL
 * parser would climb out of the path with it.
 */
export function pathInputErrors(template: TOutboundTemplate, input: TJson): TFieldErrors | null {
  if (!template.pathParts) return null;
  let errors: TFieldErrors | null = null;
  for (let i = 1; i < template.pathParts.length; i += 2) {
    const name = template.pathParts[i]!;
    if (pathValue(input[name]) === null) (errors ??= {})[`input.${name}`] = [PATH_VALUE_MESSAGE];
  }
  if (errors) return errors;
  const segments = filledPath(template.pathParts, input).split("/");
  if (segments.some((s) => /^(\.|%2e){1,2}$/i.test(s))) {
    errors = {};
    for (let i = 1; i < template.pathParts.length; i += 2) errors[`input.${template.pathParts[i]!}`] = [PATH_VALUE_MESSAGE];
  }
  return errors;
}

/**
 * Input that would repeat a query parameter the tool's endpoint URL fixes (`?scope=read`), or null. A
 * vendor that reads the last of two `scope`s would take the agent's; refused before the charge, and the
 * message says the value is the tool's. (Injected query parameters replace input of their name instead.)
 */
export function fixedQueryErrors(template: TOutboundTemplate, input: TJson): TFieldErrors | null {
  const fixed = template.url.searchParams;
  if (fixed.size === 0) return null;
  let errors: TFieldErrors | null = null;
  const pathNames = new Set(template.pathParts?.filter((_, i) => i % 2 === 1));
  for (const key of Object.keys(input)) {
    const inQuery = template.method === "GET" ? !pathNames.has(key) : template.queryParams.has(key);
    if (inQuery && fixed.has(key)) (errors ??= {})[`input.${key}`] = ["is fixed by the tool's endpoint URL and cannot be sent"];
  }
  return errors;
}

function pathValue(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string" || value === "" || value === "." || value === "..") return null;
  return value;
}

function filledPath(parts: string[], input: TJson): string {
  let path = "";
  for (let i = 0; i < parts.length; i++) path += i % 2 === 0 ? parts[i] : encodeURIComponent(pathValue(input[parts[i]!])!);
  return path;
}

/**
 * One call's request: the template and the agent's `input` (parsed from this call's body, ours to change),
 * already checked by pathInputErrors.
 */
export function buildOutboundRequest(template: TOutboundTemplate, input: TJson): TOutboundRequest {
  const { method, headers, pathParts, queryParams } = template;
  let url = template.url;
  if (pathParts) {
    url = new URL(template.url);
    url.pathname = filledPath(pathParts, input);
    for (let i = 1; i < pathParts.length; i += 2) delete input[pathParts[i]!];
  }
  const inQuery = method === "GET" ? Object.keys(input) : queryParams.size > 0 ? Object.keys(input).filter((k) => queryParams.has(k)) : [];
  if (inQuery.length > 0 || template.query.length > 0) {
    if (url === template.url) url = new URL(template.url);
    for (const key of inQuery) appendQuery(url, key, input[key]);
    for (const [name, value] of template.query) url.searchParams.set(name, value);
  }
  if (method === "GET") return { method, url, headers, body: null };
  for (const key of inQuery) delete input[key];
  for (const [path, value] of template.body) setPath(input, path, value);
  return { method, url, headers, body: JSON.stringify(input) };
}

function appendQuery(url: URL, key: string, value: unknown): void {
  for (const item of Array.isArray(value) ? value : [value]) {
    if (item === null || item === undefined) continue;
    url.searchParams.append(key, typeof item === "object" ? JSON.stringify(item) : String(item));
  }
}

/** Sets a value at a dotted path ("auth.token"), creating objects on the way and replacing non-objects. */
function setPath(target: TJson, path: string, value: string): void {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = node[part] = next && typeof next === "object" && !Array.isArray(next) ? (next as TJson) : {};
  }
  node[parts.at(-1)!] = value;
}
