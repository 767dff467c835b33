// A refused connection, as a small page with a way back (the message names no secret: it is ours).
export function oauthErrorPage(status: number, message: string): Response {
  const escaped = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Connection refused · Vaultline</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">
<h1>The connection was refused</h1><p role="alert">${escaped}</p><p><a href="/integrations">Back to integrations</a></p></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
