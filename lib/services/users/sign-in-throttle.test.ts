import { test } from "node:test";
import assert from "node:assert/strict";
import { clearFailures, isThrottled, recordFailure } from "@/lib/services/users/sign-in-throttle";

test("ten failures within 15 minutes block the e-mail until the window passes; success clears", () => {
  const t0 = 1_000_000;
  for (let i = 0; i < 9; i++) recordFailure("a@example.com", t0 + i);
  assert.equal(isThrottled("a@example.com", t0 + 10), false);
  recordFailure("a@example.com", t0 + 10);
  assert.equal(isThrottled("a@example.com", t0 + 11), true);
  assert.equal(isThrottled("b@example.com", t0 + 11), false, "per e-mail");
  assert.equal(isThrottled("a@example.com", t0 + 15 * 60_000 + 11), false, "the window passes");
  for (let i = 0; i < 10; i++) recordFailure("c@example.com", t0);
  clearFailures("c@example.com");
  assert.equal(isThrottled("c@example.com", t0 + 1), false);
});
