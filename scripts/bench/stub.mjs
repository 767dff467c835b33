// Benchmark vendor stub: answers every request with a small JSON echo of a few request headers, over
// keep-alive. Run by scripts/bench.ts as a child process; prints {"port":N} once listening and exits when
// its parent goes away (IPC channel closed) or on SIGTERM.
import { createServer } from "node:http";
import { serveChild } from "./serve-child.mjs";

const ECHOED = ["x-api-key", "x-bench-via", "content-type", "content-length"];
// The OAuth 2 target's token endpoint (client credentials): one long-lived token, so a run measures warm calls.
const ACCESS_TOKEN = `bench-oauth-token-${process.pid}-${Date.now()}`;

const server = createServer((req, res) => {
  let bytes = 0;
  req.on("data", (chunk) => (bytes += chunk.length));
  req.on("end", () => {
    if (req.url === "/oauth/token") {
      const token = JSON.stringify({ access_token: ACCESS_TOKEN, token_type: "Bearer", expires_in: 3600 });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(token) });
      return res.end(token);
    }
    const headers = {};
    for (const name of ECHOED) if (req.headers[name] !== undefined) headers[name] = req.headers[name];
    const json = JSON.stringify({ ok: true, method: req.method, path: req.url, received: bytes, headers });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json), "x-ratelimit-remaining": "99" });
    res.end(json);
  });
});
serveChild(server);
