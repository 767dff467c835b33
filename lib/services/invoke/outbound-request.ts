// Builds the request to the vendor from the tool's endpoint, its injection rules and the agent's input.
// The agent's input goes as query parameters for GET and as the JSON body otherwise;
// injected values win over input of the same name, so an agent cannot override a credential's slot.
import type { TInjection } from "@/models/tool";
import { renderTemplate } from "@/lib/services/tools/templates";

export type TOutboundRequest = {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | null;
};

type TJson = Record<string, unknown>;

export function buildOutboundRequest(options: {
  endpoint: { method: string; url: string };
  injection: TInjection[];
  values: Record<string, string>;
  input: TJson;
}): TOutboundRequest {
  const { endpoint, injection, values, input } = options;
  const url = new URL(endpoint.url);
  const inQuery = endpoint.method === "GET";
  const headers: Record<string, string> = { accept: "application/json", "user-agent": "vaultline-gateway" };
  // `input` was parsed from this request's body and is ours to change.
  const body: TJson = inQuery ? {} : input;
  if (inQuery) appendQuery(url, input);

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
        url.searchParams.set(rule.name, rendered);
        break;
      case "body":
        setPath(body, rule.name, rendered);
        break;
      case "basic_auth":
        basic[rule.name as "username" | "password"] = rendered;
        break;
    }
  }
  if (basic.username !== undefined || basic.password !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${basic.username ?? ""}:${basic.password ?? ""}`).toString("base64")}`;
  }
  if (inQuery) return { method: endpoint.method, url, headers, body: null };
  headers["content-type"] = "application/json";
  return { method: endpoint.method, url, headers, body: JSON.stringify(body) };
}

function appendQuery(url: URL, input: TJson): void {
  for (const [key, value] of Object.entries(input)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === null || item === undefined) continue;
      url.searchParams.append(key, typeof item === "object" ? JSON.stringify(item) : String(item));
    }
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
