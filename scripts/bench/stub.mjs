// Benchmark vendor stub: answers every request with a small JSON echo of a few request headers, over
// keep-alive. Run by scripts/bench.ts as a child process; prints {"port":N} once listening and exits when
// its parent goes away (IPC channel closed) or on SIGTERM.
import { createServer } from "node:http";

const ECHOED = ["x-api-key", "x-bench-via", "content-type", "content-length"];

const server = createServer((req, res) => {
  let bytes = 0;
  req.on("data", (chunk) => (bytes += chunk.length));
  req.on("end", () => {
    const headers = {};
    for (const name of ECHOED) if (req.headers[name] !== undefined) headers[name] = req.headers[name];
    const json = JSON.stringify({ ok: true, method: req.method, path: req.url, received: bytes, headers });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json), "x-ratelimit-remaining": "99" });
    res.end(json);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});

const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
