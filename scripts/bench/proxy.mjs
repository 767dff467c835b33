// The floor for any proxy in Node, as lean as one can honestly be written: a bare node:http server that
// reads the agent's small body whole, sends it to the stub over a keep-alive agent with one header set
// (the key), reads the answer whole and sends it back with its content type. No parsing, no checks, no
// header copying or stream piping (which cost more than the buffering for bodies this small).
// Usage: node scripts/bench/proxy.mjs <upstream port> [header value]; prints {"port":N} once listening.
import http from "node:http";
import { serveChild } from "./serve-child.mjs";

const upstreamPort = Number(process.argv[2]);
if (!Number.isInteger(upstreamPort) || upstreamPort <= 0) throw new Error("usage: proxy.mjs <upstream port> [x-api-key value]");
const apiKey = process.argv[3] ?? "bench-proxy-key";
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: upstreamPort,
        method: req.method,
        path: req.url,
        headers: { "content-type": "application/json", "content-length": body.length, "x-api-key": apiKey },
        agent,
      },
      (answer) => {
        const parts = [];
        answer.on("data", (chunk) => parts.push(chunk));
        answer.on("end", () => {
          const out = parts.length === 1 ? parts[0] : Buffer.concat(parts);
          res.writeHead(answer.statusCode ?? 502, { "content-type": answer.headers["content-type"] ?? "application/octet-stream", "content-length": out.length });
          res.end(out);
        });
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("upstream error");
    });
    upstream.end(body);
  });
});
serveChild(server);
