import { test } from "node:test";
import assert from "node:assert/strict";
import { SECRET_MASK, maskedDisplay, secretHint } from "@/lib/crypto/masking";

test("a hint is the last 4 characters, only where allowed and only for long values", () => {
  assert.equal(secretHint("sk-abcdefghijklmnop1234", true), "1234");
  assert.equal(secretHint("sk-abcdefghijklmnop1234", false), null);
  assert.equal(secretHint("short-pass1", true), null);
});

test("the display form is the one mask, with the hint when there is one", () => {
  assert.equal(maskedDisplay(null), SECRET_MASK);
  assert.equal(maskedDisplay("1234"), `${SECRET_MASK}1234`);
});
