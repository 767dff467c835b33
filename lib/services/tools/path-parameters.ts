// Path parameters of a tool's endpoint: `https://api.github.com/repos/{owner}/{repo}/issues`, filled from
// the agent's input on each call (lib/services/invoke/outbound-request.ts). Only the path may hold them:
// the scheme, host and port are the tool's alone.
const NAME = "[A-Za-z_][A-Za-z0-9_]{0,63}";
const PLACEHOLDER = new RegExp(`\\{(${NAME})\\}`, "g");
// As the URL parser writes a placeholder in a path ("{" and "}" are percent-encoded there).
const ENCODED_PLACEHOLDER = new RegExp(`%7B(${NAME})%7D`, "g");

/** The parameter names of a URL's path, in order. */
export function pathParameterNames(url: string): string[] {
  return [...pathOf(url).matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Why the URL's placeholders are unusable, or null: outside the path, malformed, or repeated. */
export function pathParameterProblem(url: string): string | null {
  const path = pathOf(url);
  const rest = url.slice(0, url.indexOf(path)) + url.slice(url.indexOf(path) + path.length);
  if (/[{}]/.test(rest)) return "may hold {parameters} in its path only";
  if (/[{}]/.test(path.replace(PLACEHOLDER, ""))) return "has a malformed {parameter}: use letters, digits and _";
  const names = pathParameterNames(url);
  if (new Set(names).size !== names.length) return "names a path parameter twice";
  return null;
}

/**
 * The parsed URL's path split around its parameters: literal parts (as the URL parser normalized and
 * encoded them) at even indexes, parameter names at odd ones.
 */
export function splitParsedPath(pathname: string): string[] {
  return pathname.split(ENCODED_PLACEHOLDER);
}

/** The path of a URL as written, before any "?" or "#" (empty when the URL has none). */
function pathOf(url: string): string {
  const afterScheme = url.indexOf("//");
  const start = url.indexOf("/", afterScheme === -1 ? 0 : afterScheme + 2);
  if (start === -1) return "";
  const end = url.slice(start).search(/[?#]/);
  return end === -1 ? url.slice(start) : url.slice(start, start + end);
}
