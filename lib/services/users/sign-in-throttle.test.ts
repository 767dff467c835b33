import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_PER_CLIENT, MAX_PER_PAIR, WINDOW_MS, clearFailures, clientKey, isThrottled, recordFailure } from "@/lib/services/users/sign-in-throttle";

const t0 = 1_000_000;

test("ten failures for one e-mail from one client block that pair until the window passes; not the owner elsewhere", () => {
  for (let i = 0; i < MAX_PER_PAIR - 1; i++) recordFailure("a@example.com", "203.0.113.5", t0 + i);
  assert.equal(isThrottled("a@example.com", "203.0.113.5", t0 + 10), false);
  recordFailure("a@example.com", "203.0.113.5", t0 + 10);
  assert.equal(isThrottled("a@example.com", "203.0.113.5", t0 + 11), true);
  assert.equal(isThrottled("a@example.com", "198.51.100.7", t0 + 11), false, "the owner from their own address");
  assert.equal(isThrottled("b@example.com", "203.0.113.5", t0 + 11), false, "another e-mail from the same client");
  assert.equal(isThrottled("a@example.com", "203.0.113.5", t0 + WINDOW_MS + 11), false, "the window passes");
});

test("a right password clears its pair", () => {
  for (let i = 0; i < MAX_PER_PAIR; i++) recordFailure("c@example.com", "203.0.113.6", t0);
  clearFailures("c@example.com", "203.0.113.6");
  assert.equal(isThrottled("c@example.com", "203.0.113.6", t0 + 1), false);
});

test("spraying many e-mails from one client blocks that client, for every e-mail, and nobody else", () => {
  for (let i = 0; i < MAX_PER_CLIENT; i++) recordFailure(`spray${i}@example.com`, "203.0.113.9", t0 + i);
  assert.equal(isThrottled("someone-new@example.com", "203.0.113.9", t0 + 100), true);
  assert.equal(isThrottled("someone-new@example.com", "203.0.113.10", t0 + 100), false);
  clearFailures("spray1@example.com", "203.0.113.9");
  assert.equal(isThrottled("someone-new@example.com", "203.0.113.9", t0 + 100), true, "one right password does not reset the client");
});

test("an IPv6 client counts by its /64", () => {
  assert.equal(clientKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  assert.equal(clientKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
  assert.equal(clientKey("2001:db8::1"), "2001:db8:0:0::/64");
  assert.equal(clientKey("::1"), "0:0:0:0::/64");
  assert.equal(clientKey("192.0.2.1"), "192.0.2.1");
  for (let i = 0; i < MAX_PER_CLIENT; i++) recordFailure(`v6-${i}@example.com`, `2001:db8:9:9::${i.toString(16)}`, t0);
  assert.equal(isThrottled("x@example.com", "2001:db8:9:9:1:2:3:4", t0 + 1), true, "another address of the same /64");
  assert.equal(isThrottled("x@example.com", "2001:db8:9:a::1", t0 + 1), false);
});
