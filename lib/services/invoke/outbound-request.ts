// Builds the request to the vendor from the tool's endpoint, its injection rules and the agent's input,
// in two steps: what depends only on the tool and the credential is prepared once per call plan
// (invoke.service.ts); each call then adds its input. The agent's input goes as query parameters for GET
// and as the JSON body otherwise; injected values win over input of the same name, so an agent cannot
// override a credential's slot.
import type { TInjection } from "@/models/tool";
import { renderTemplate } from "@/lib/services/tools/templates";

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
};

type TJson = Record<string, unknown>;

export function prepareOutbound(endpoint: { method: string; url: string }, injection: TInjection[], values: Record<string, string>): TOutboundTemplate {
  const inQuery = endpoint.method === "GET";
  const headers: Record<string, string> = { accept: "application/json", "user-agent": "vaultline-gateway" };
  if (!inQuery) headers["content-type"] = "application/json";
  const template: TOutboundTemplate = { method: endpoint.method, url: new URL(endpoint.url), headers, query: [], body: [] };

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

/** One call's request: the template and the agent's `input` (parsed from this call's body, ours to change). */
export function buildOutboundRequest(template: TOutboundTemplate, input: TJson): TOutboundRequest {
  const { method, headers } = template;
  if (method !== "GET") {
    for (const [path, value] of template.body) setPath(input, path, value);
    return { method, url: template.url, headers, body: JSON.stringify(input) };
  }
  let url = template.url;
  const inputKeys = Object.keys(input);
  if (inputKeys.length > 0 || template.query.length > 0) {
    url = new URL(template.url);
    for (const key of inputKeys) appendQuery(url, key, input[key]);
    for (const [name, value] of template.query) url.searchParams.set(name, value);
  }
  return { method, url, headers, body: null };
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
