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
