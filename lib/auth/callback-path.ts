/**
 * Where to go after signing in: a path of this site, else "/". Only same-site paths, or the sign-in page
 * would be an open redirect (a phishing aid). Browsers read "//host" and "/\host" as another host.
 */
export function safeCallbackPath(raw: string | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  // Control characters are dropped from URLs by browsers, so "/\t/host" would become "//host".
  if (/[\u0000-\u001f\u007f]/.test(raw)) return "/";
  return raw;
}

/** The request header in which proxy.ts passes the requested path (and query) to server components. */
export const REQUESTED_PATH_HEADER = "x-vaultline-path";

/** The sign-in page, with the path to come back to once signed in (none for the home page). */
export function signInPath(callbackPath: string | null | undefined, page: "/sign-in" | "/sign-up" = "/sign-in"): string {
  const next = safeCallbackPath(callbackPath ?? undefined);
  return next === "/" ? page : `${page}?callbackUrl=${encodeURIComponent(next)}`;
}

/**
 * Where next-auth may send a person after signing in or out: a safe path of this site, or an address on
 * `appUrl`'s origin (next-auth's client sends the page's full address) whose path is safe too.
 */
export function isAcceptableCallbackUrl(raw: string, appUrl: string): boolean {
  if (raw.startsWith("/")) return safeCallbackPath(raw) === raw;
  if (/[\u0000-\u001f\u007f]/.test(raw)) return false;
  try {
    const url = new URL(raw);
    return url.origin === new URL(appUrl).origin && safeCallbackPath(url.pathname + url.search) === url.pathname + url.search;
  } catch {
    return false;
  }
}

/** next-auth's redirect callback: the same rule, never throwing; anything else goes to the home page. */
export function sameSiteRedirect(url: string, baseUrl: string): string {
  if (url.startsWith("/") && safeCallbackPath(url) === url) return `${baseUrl}${url}`;
  return isAcceptableCallbackUrl(url, baseUrl) ? url : baseUrl;
}
