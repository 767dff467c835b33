import { test } from "node:test";
import assert from "node:assert/strict";
import { clientAddress, invalidProxyEntries, trustedProxies } from "@/lib/net/trusted-proxies";

test("without trusted proxies the socket's peer is the client, whatever X-Forwarded-For says", () => {
  const none = trustedProxies(undefined);
  assert.equal(clientAddress("127.0.0.1", "203.0.113.5", none), "127.0.0.1");
  assert.equal(clientAddress("::ffff:127.0.0.1", undefined, none), "127.0.0.1");
});

test("from a trusted proxy, the nearest untrusted hop of X-Forwarded-For", () => {
  const trusted = trustedProxies("10.0.0.0/8, 127.0.0.1, fd00::/8");
  assert.equal(clientAddress("127.0.0.1", "203.0.113.5", trusted), "203.0.113.5");
  // A client's own forged entries are to the left of what the proxies appended: never reached.
  assert.equal(clientAddress("::ffff:127.0.0.1", "1.1.1.1, 203.0.113.5, 10.1.2.3", trusted), "203.0.113.5");
  assert.equal(clientAddress("fd00::1", "198.51.100.1", trusted), "198.51.100.1");
  assert.equal(clientAddress("127.0.0.1", ["198.51.100.1, 10.0.0.1", "10.0.0.2"], trusted), "198.51.100.1");
  assert.equal(clientAddress("127.0.0.1", "garbage, 10.0.0.9", trusted), "10.0.0.9", "a garbled hop ends the walk");
  assert.equal(clientAddress("127.0.0.1", "10.0.0.9", trusted), "10.0.0.9", "only proxies: the farthest one");
  assert.equal(clientAddress("192.0.2.7", "203.0.113.5", trusted), "192.0.2.7", "an untrusted peer's header is ignored");
});

test("the setting names its bad entries", () => {
  assert.deepEqual(invalidProxyEntries("10.0.0.0/8, proxy.local, 1.2.3.4/33, ::1/128, 1.2.3.4/8/1"), ["proxy.local", "1.2.3.4/33", "1.2.3.4/8/1"]);
});
