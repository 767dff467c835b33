// What the dashboard process is told about a request's origin: the gateway's forwarding, over a real Unix
// socket to a real HTTP server that answers with the headers it received.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { forwardTo } from "@/lib/gateway/state/dashboard-link";
import { trustedProxies } from "@/lib/net/trusted-proxies";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vl-forward-"));
const socketPath = path.join(dir, "echo.sock");
const echo = http.createServer((req, res) => res.end(JSON.stringify(req.headers)));
const fronts: http.Server[] = [];

async function front(trusted: string | undefined): Promise<string> {
  const server = http.createServer(forwardTo(socketPath, trustedProxies(trusted)));
  fronts.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

before(() => new Promise<void>((resolve) => echo.listen(socketPath, resolve)));
after(() => {
  for (const s of [echo, ...fronts]) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const forged = {
  "x-forwarded-for": "198.51.100.1",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-forwarded-port": "443",
  forwarded: "for=198.51.100.1;host=evil.example",
  "x-real-ip": "198.51.100.1",
};

async function seen(url: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/page`, { headers: { ...forged, "x-other": "kept" } });
  return (await res.json()) as Record<string, string>;
}

test("without a trusted proxy, a client's forwarding headers are dropped and its socket address is the client", async () => {
  const headers = await seen(await front(undefined));
  assert.equal(headers["x-forwarded-for"], "127.0.0.1");
  for (const name of ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-real-ip"]) assert.equal(headers[name], undefined, name);
  assert.equal(headers["x-other"], "kept");
  assert.match(headers.host ?? "", /^127\.0\.0\.1:\d+$/);
});

test("from a trusted proxy, its X-Forwarded-For names the client and its host and scheme pass on", async () => {
  const headers = await seen(await front("127.0.0.1"));
  assert.equal(headers["x-forwarded-for"], "198.51.100.1");
  assert.equal(headers["x-forwarded-host"], "evil.example");
  assert.equal(headers["x-forwarded-proto"], "https");
  for (const name of ["x-forwarded-port", "forwarded", "x-real-ip"]) assert.equal(headers[name], undefined, name);
});
