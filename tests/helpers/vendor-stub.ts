// A real local HTTP vendor for invoke tests: echoes what it receives (plain and encoded, so scrubbing is
// tested against every form), and misbehaves on request: slow, huge, redirecting.
import { createServer, type IncomingMessage, type Server } from "node:http";

export type TReceived = { method: string; path: string; query: Record<string, string>; headers: IncomingMessage["headers"]; body: unknown };

export type TVendorStub = { url: string; received: TReceived[]; close: () => Promise<void> };

export async function startVendorStub(): Promise<TVendorStub> {
  const received: TReceived[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const entry: TReceived = {
      method: req.method ?? "",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: raw ? JSON.parse(raw) : null,
    };
    received.push(entry);
    switch (url.pathname) {
      case "/slow":
        await new Promise((r) => setTimeout(r, 3_000));
        break;
      case "/wait":
        await new Promise((r) => setTimeout(r, Number(url.searchParams.get("ms") ?? 500)));
        break;
      case "/hang":
        // Never answers: a vendor endpoint that is down in the worst way (the connection stays open).
        return;
      case "/huge":
        res.writeHead(200, { "content-type": "text/plain" });
        for (let i = 0; i < 64; i++) res.write("x".repeat(16_384));
        res.end();
        return;
      case "/redirect":
        res.writeHead(302, { location: url.searchParams.get("to") ?? "/echo" });
        res.end();
        return;
      case "/escaped":
        // JSON as PHP and Go write it: "/" as "\/", "&" as "\u0026". Parsing undoes the escapes.
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ echo: entry.headers }).replace(/\//g, "\\/").replace(/&/g, "\\u0026"));
        return;
      case "/status":
        res.writeHead(Number(url.searchParams.get("code") ?? 500), { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "vendor says no", echo: entry.headers }));
        return;
    }
    // The echo: everything received, as is, base64-encoded and URL-encoded, in body and headers.
    const text = JSON.stringify(entry);
    const body = { ...entry, base64: Buffer.from(text).toString("base64"), urlEncoded: encodeURIComponent(text) };
    res.writeHead(200, {
      "content-type": "application/json",
      "x-ratelimit-remaining": "99",
      "x-echo-authorization": String(req.headers.authorization ?? ""),
      "set-cookie": "session=vendor-internal",
    });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
