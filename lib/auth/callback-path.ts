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
