// What the benchmark's child servers (stub.mjs, proxy.mjs) share: listen on a free loopback port, print
// {"port":N} once listening (scripts/bench.ts waits for that line), and stop on SIGTERM, SIGINT or when
// the parent goes away (IPC channel closed).

/** @param {import("node:http").Server} server */
export function serveChild(server) {
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
}
