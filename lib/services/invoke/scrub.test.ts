import { test } from "node:test";
import assert from "node:assert/strict";
import { secretForms, scrubText } from "@/lib/services/invoke/scrub";

const SECRET = "s3cr3t/Key+with=chars\"and spaces";
const forms = secretForms([SECRET]);

test("plain, JSON-escaped and URL-encoded forms are masked", () => {
  for (const text of [SECRET, JSON.stringify({ k: SECRET }), encodeURIComponent(SECRET), new URLSearchParams({ k: SECRET }).toString(), encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())]) {
    const scrubbed = scrubText(`before ${text} after`, forms);
    assert.ok(!scrubbed.includes(SECRET) && !scrubbed.includes(encodeURIComponent(SECRET)), scrubbed);
    assert.match(scrubbed, /••••••••/);
  }
});

test("base64 of the secret is masked at every alignment inside a longer blob, standard and URL-safe", () => {
  for (let prefix = 0; prefix < 6; prefix++) {
    for (const suffix of ["", "x", "xy", "xyz"]) {
      const blob = Buffer.from(`${"p".repeat(prefix)}${SECRET}${suffix}`);
      for (const encoded of [blob.toString("base64"), blob.toString("base64url")]) {
        const scrubbed = scrubText(encoded, forms);
        const decoded = Buffer.from(scrubbed.replace(/••••••••/g, "AAAA"), "base64").toString("latin1");
        assert.ok(!decoded.includes(SECRET), `prefix ${prefix}, suffix "${suffix}"`);
        assert.notEqual(scrubbed, encoded);
      }
    }
  }
});

test("an HTTP basic auth header echoed back is masked", () => {
  const header = `Basic ${Buffer.from(`user:${SECRET}`).toString("base64")}`;
  assert.ok(!scrubText(header, secretForms([SECRET])).includes(header.slice(6)));
});

test("very short values are not scrubbed (they would match everywhere)", () => {
  assert.deepEqual(secretForms(["abc"]), []);
  assert.equal(scrubText("abc abc", secretForms(["abc"])), "abc abc");
});
