// The dashboard's Content-Security-Policy (set per response by proxy.ts, with that response's nonce).
// Styles stay 'unsafe-inline': React and Next.js set style attributes, and a style cannot run code.
// Development adds 'unsafe-eval', which Next.js's hot reloading needs.
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
