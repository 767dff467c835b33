import { test } from "node:test";
import assert from "node:assert/strict";
import { isDisallowedAddress } from "@/lib/services/invoke/address-policy";

test("loopback, private, link-local, metadata and special ranges are refused", () => {
  for (const address of ["127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "2002:7f00:1::", "2001:0:4136:e378::1", "not-an-ip"]) {
    assert.equal(isDisallowedAddress(address), true, address);
  }
});

test("public addresses are allowed", () => {
  for (const address of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) {
    assert.equal(isDisallowedAddress(address), false, address);
  }
});
