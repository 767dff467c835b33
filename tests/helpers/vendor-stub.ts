// A real local HTTP vendor for invoke tests: echoes what it receives (plain and encoded, so scrubbing is
// tested against every form), and misbehaves on request: slow, huge, redirecting.
import { createServer, type IncomingMessage, type Server } from "node:http";

export type TReceived = { method: string; path: string; search: string; query: Record<string, string>; headers: IncomingMessage["headers"]; body: unknown };

export type TVendorStub = { url: string; received: TReceived[]; close: () => Promise<void> };

/** The secret echoed back as honest vendors encode it (PHP's json_encode, strict URL encoders, HTML, MIME). */
export function vendorEncodings(secret: string): Record<string, string> {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, "0");
  const special = (c: string) => !/^[A-Za-z0-9]$/.test(c);
  return {
    "PHP json_encode": JSON.stringify(secret).slice(1, -1).replace(/\//g, "\\/"),
    "strict percent-encoding": [...secret].map((c) => (/^[A-Za-z0-9_.~-]$/.test(c) ? c : [...Buffer.from(c)].map((b) => `%${hex(b)}`).join(""))).join(""),
    "HTML references": [...secret].map((c) => (special(c) ? `&#x${hex(c.codePointAt(0)!)};` : c)).join(""),
    "\\u escapes": [...secret].map((c) => (special(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c)).join(""),
  };
}

export async function startVendorStub(host = "127.0.0.1"): Promise<TVendorStub> {
  const received: TReceived[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const entry: TReceived = {
      method: req.method ?? "",
      path: url.pathname,
      search: url.search,
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
      case "/drop":
        // Takes the whole request, then closes the connection without answering.
        req.socket.destroy();
        return;
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
      case "/encoded": {
        // The injected x-api-key echoed in every encoding, in the content type asked for, with a base64
        // blob wrapped at 76 columns after a prefix that puts the secret at each alignment.
        const secret = String(req.headers["x-api-key"] ?? "");
        const forms = Object.entries(vendorEncodings(secret)).map(([name, form]) => `${name}: ${form}`);
        const mime = [0, 1, 2].map((n) => `mime: ${Buffer.from(`${"p".repeat(70 + n)}${secret}tail`).toString("base64").replace(/.{76}/g, "$&\r\n")}`);
        const text = [...forms, ...mime, `next: /items?cursor=2&key=${vendorEncodings(secret)["strict percent-encoding"]}`].join("\n");
        const type = url.searchParams.get("type") ?? "text/html";
        res.writeHead(200, { "content-type": type });
        res.end(type.includes("json") ? JSON.stringify({ error: text }) : `<html><body><pre>${text}</pre></body></html>`);
        return;
      }
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
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
