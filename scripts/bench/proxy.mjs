// The floor for any proxy in Node: a bare node:http server that forwards each request to the stub over a
// keep-alive agent, adds one header, and pipes the answer back. No parsing, no checks.
// Usage: node scripts/bench/proxy.mjs <upstream port> [header value]; prints {"port":N} once listening.
import http from "node:http";
import { serveChild } from "./serve-child.mjs";

const upstreamPort = Number(process.argv[2]);
if (!Number.isInteger(upstreamPort) || upstreamPort <= 0) throw new Error("usage: proxy.mjs <upstream port> [x-api-key value]");
const apiKey = process.argv[3] ?? "bench-proxy-key";
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

const server = http.createServer((req, res) => {
  const upstream = http.request(
    { host: "127.0.0.1", port: upstreamPort, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${upstreamPort}`, "x-api-key": apiKey, "x-bench-via": "proxy" }, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", () => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
    res.end("upstream error");
  });
  req.pipe(upstream);
});
serveChild(server);
