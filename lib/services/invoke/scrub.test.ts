import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { secretForms, scrubText } from "@/lib/services/invoke/scrub";
import { SECRET_MASK } from "@/lib/crypto/masking";

// A fixed seed keeps the suite repeatable; set FC_SEED to explore other cases.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261202) });

// The encodings honest vendors produce, written here independently of the scrubber.
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
const notAlnum = (c: string) => !/^[A-Za-z0-9]$/.test(c);
const utf8Percent = (c: string, lower = false) => [...Buffer.from(c, "utf8")].map((b) => `%${lower ? hex(b, 2) : hex(b, 2).toUpperCase()}`).join("");
const units = (c: string) => Array.from({ length: c.length }, (_, i) => c.charCodeAt(i));

export const ENCODINGS: Record<string, (s: string) => string> = {
  "as is": (s) => s,
  // PHP's json_encode default: "/" as "\/", non-ASCII as \uXXXX.
  "PHP json_encode": (s) => JSON.stringify(s).slice(1, -1).replace(/\//g, "\\/").replace(/[^\x00-\x7f]/g, (c) => units(c).map((u) => `\\u${hex(u, 4)}`).join("")),
  // Go's encoding/json: <, > and & as \u003c, \u003e, \u0026.
  "Go json": (s) => JSON.stringify(s).slice(1, -1).replace(/[<>&]/g, (c) => `\\u${hex(c.charCodeAt(0), 4)}`),
  "\\u escapes, upper case": (s) => [...s].map((c) => (notAlnum(c) ? units(c).map((u) => `\\u${hex(u, 4).toUpperCase()}`).join("") : c)).join(""),
  // RFC 3986 strict (PHP rawurlencode, Python quote(safe="")): "!" as "%21".
  "strict percent-encoding": (s) => [...s].map((c) => (/^[A-Za-z0-9_.~-]$/.test(c) ? c : utf8Percent(c))).join(""),
  "form encoding, lower case": (s) => [...s].map((c) => (c === " " ? "+" : notAlnum(c) ? utf8Percent(c, true) : c)).join(""),
  encodeURIComponent: (s) => encodeURIComponent(s),
  // OWASP-style HTML encoding: "/" as "&#x2F;".
  "HTML hex references": (s) => [...s].map((c) => (notAlnum(c) ? `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};` : c)).join(""),
  "HTML decimal references": (s) => [...s].map((c) => (notAlnum(c) ? `&#${c.codePointAt(0)};` : c)).join(""),
  htmlspecialchars: (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#039;"),
};

const BASE64_ENCODINGS: Record<string, (blob: Buffer) => string> = {
  "base64 wrapped at 76 with CRLF": (b) => b.toString("base64").replace(/.{76}/g, "$&\r\n"),
  "base64 wrapped at 64": (b) => b.toString("base64").replace(/.{64}/g, "$&\n"),
  base64url: (b) => b.toString("base64url"),
  "base64, PHP-escaped slashes": (b) => b.toString("base64").replace(/\//g, "\\/"),
};

const scrubbed = (secret: string, vendorText: string) => scrubText(JSON.stringify({ status: 200, body: vendorText }), secretForms([secret]));

/** What the agent would read: the parsed answer's body, and the raw JSON text. Neither holds the form. */
function assertGone(secret: string, encoded: string, vendorText: string, label: string) {
  const answer = scrubbed(secret, vendorText);
  const body = (JSON.parse(answer) as { body: string }).body;
  assert.ok(!body.includes(encoded), `${label}: ${JSON.stringify(secret)} survived as ${encoded}`);
  assert.ok(!answer.includes(JSON.stringify(encoded).slice(1, -1)), label);
  assert.ok(body.includes(SECRET_MASK), label);
}

function assertBase64Gone(secret: string, prefix: string, encode: (b: Buffer) => string, label: string) {
  const vendorText = encode(Buffer.from(`${prefix}${secret}tail`, "utf8"));
  const body = (JSON.parse(scrubbed(secret, vendorText)) as { body: string }).body;
  const decoded = Buffer.from(body.replace(/\\\//g, "/").replace(/\r?\n/g, "").split(SECRET_MASK).join("AAAA"), "base64").toString("utf8");
  assert.ok(!decoded.includes(secret), `${label}, prefix ${prefix.length}: ${JSON.stringify(secret)} survived`);
}

const SECRET = "s3cr3t/Key+with=chars\"and spaces!é&<>'~*()";

test("each encoding honest vendors produce is masked, in a text body", () => {
  for (const [label, encode] of Object.entries(ENCODINGS)) assertGone(SECRET, encode(SECRET), `<p>error: ${encode(SECRET)} refused</p>`, label);
});

test("a secret in a vendor's JSON, parsed and written back, is masked", () => {
  const answer = scrubText(JSON.stringify({ body: { echo: SECRET, next: `/page?key=${ENCODINGS["strict percent-encoding"]!(SECRET)}` } }), secretForms([SECRET]));
  assert.ok(!answer.includes(JSON.stringify(SECRET).slice(1, -1)));
  assert.ok(!answer.includes(ENCODINGS["strict percent-encoding"]!(SECRET)));
});

test("base64 of the secret is masked at every alignment, standard, URL-safe and wrapped", () => {
  for (let prefix = 0; prefix < 6; prefix++) {
    for (const [label, encode] of Object.entries(BASE64_ENCODINGS)) assertBase64Gone(SECRET, "p".repeat(prefix + 70), encode, label);
    for (const suffix of ["", "x", "xy", "xyz"]) {
      const blob = Buffer.from(`${"p".repeat(prefix)}${SECRET}${suffix}`);
      for (const encoded of [blob.toString("base64"), blob.toString("base64url")]) {
        assert.notEqual(scrubText(encoded, secretForms([SECRET])), encoded, `prefix ${prefix}, suffix "${suffix}"`);
      }
    }
  }
});

test("an HTTP basic auth header echoed back is masked", () => {
  const header = `Basic ${Buffer.from(`user:${SECRET}`).toString("base64")}`;
  assert.ok(!scrubText(JSON.stringify({ h: header }), secretForms([SECRET, header])).includes(header.slice(6)));
});

test("very short values are not scrubbed (they would match everywhere)", () => {
  assert.deepEqual(secretForms(["abc"]), []);
  assert.equal(scrubText("abc abc", secretForms(["abc"])), "abc abc");
});

test("text around a secret is kept", () => {
  assert.equal(scrubText('{"a":"x sk-live-1234 y"}', secretForms(["sk-live-1234"])), `{"a":"x ${SECRET_MASK} y"}`);
});

// Secrets from a set rich in characters that encoders treat differently, and from all of Unicode.
const specials = [..."ab9Z/!+ =&<>\"'\\:~*()%?#._-é€😀"];
const secrets = fc
  .oneof(fc.string({ unit: fc.constantFrom(...specials), minLength: 4, maxLength: 40 }), fc.string({ unit: "binary", minLength: 4, maxLength: 24 }))
  // Well-formed (no lone surrogate) and, as credential values, without control characters.
  .filter((s) => Buffer.from(s, "utf8").toString("utf8") === s && !/[\u0000-\u001f\u007f]/.test(s));

test("property: for random secrets, no encoding of the secret survives scrubbing", () => {
  // The vendor encodes its whole text, the secret and what surrounds it alike.
  for (const [label, encode] of Object.entries(ENCODINGS)) {
    const result = fc.check(fc.property(secrets, fc.string({ maxLength: 8 }), (secret, around) => assertGone(secret, encode(secret), `<p>${encode(`${around}${secret}${around}`)}</p>`, label)), { numRuns: 120 });
    assert.ok(!result.failed, `${label}: ${fc.defaultReportMessage(result)}`);
  }
});

test("property: for random secrets, no base64 form survives scrubbing, at any alignment", () => {
  // Below 6 bytes, some alignments leave no base64 group that depends on the secret's bytes alone.
  const long = secrets.filter((s) => Buffer.byteLength(s) >= 6);
  for (const [label, encode] of Object.entries(BASE64_ENCODINGS)) {
    fc.assert(fc.property(long, fc.string({ unit: "grapheme-ascii", maxLength: 90 }), (secret, prefix) => assertBase64Gone(secret, prefix, encode, label)), { numRuns: 120 });
  }
});
