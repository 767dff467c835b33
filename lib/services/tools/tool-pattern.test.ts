import { test } from "node:test";
import assert from "node:assert/strict";
import { patternProblem, testPattern } from "@/lib/services/tools/tool-pattern";
import { inputValidator } from "@/lib/services/tools/input-schema";
import { checkFieldValues, matchesPattern } from "@/lib/services/credentials/credential-input";
import { BUILTIN_INTEGRATIONS } from "@/lib/services/integrations/catalog";

test("catastrophic backtracking patterns answer at once (a backtracking engine would not finish)", () => {
  // 2^4095 steps for JavaScript's engine: this test would never end if patterns went back to RegExp.
  const hostile = `${"a".repeat(4095)}!`;
  for (const pattern of ["(a+)+$", "(a|aa)+$", "(a*)*b", "(\\w+\\s?)+$", "([a-z]+)*[0-9]"]) {
    assert.equal(testPattern(pattern, hostile), "mismatch", pattern);
  }
  assert.equal(testPattern("(a+)+$", "a".repeat(4096)), "match");
});

test("a pattern matches the whole value, not a part of it", () => {
  assert.equal(matchesPattern("sk-[a-z]+", "sk-abc"), true);
  assert.equal(matchesPattern("sk-[a-z]+", "xsk-abc"), false);
  assert.equal(matchesPattern("sk-[a-z]+", "sk-abc1"), false);
  assert.equal(matchesPattern("a|b", "ab"), false);
  assert.equal(matchesPattern("(?i)abc", "ABC"), true, "RE2 flags");
  assert.equal(matchesPattern("\\p{L}+", "éèà"), true, "Unicode classes");
});

test("patterns RE2 cannot run in linear time are refused with a reason that says so", () => {
  for (const [pattern, reason] of [
    ["(\\w)\\1", /backreferences.*invalid escape sequence: `\\1`/],
    ["(?=a)b", /lookarounds.*`\(\?=`/],
    ["(?<!a)b", /lookarounds/],
    ["(?<x>a)\\k<x>", /RE2 syntax/],
    ["[a-", /missing closing \]/],
    ["a{1001}", /invalid repeat count/],
    ["(\\p{L}{30}){30}", /too complex/],
  ] as const) {
    assert.match(patternProblem(pattern) ?? "accepted", reason, pattern);
    assert.equal(testPattern(pattern, "a"), "unsupported", pattern);
    assert.equal(matchesPattern(pattern, "a"), false, pattern);
  }
});

test("every pattern of the built-in catalog compiles", () => {
  const patterns = BUILTIN_INTEGRATIONS.flatMap((i) => (i.credentialFields ?? []).flatMap((f) => (f.pattern ? [f.pattern] : [])));
  assert.ok(patterns.length >= 3);
  for (const pattern of patterns) assert.equal(patternProblem(pattern), null, pattern);
});

test("a value checked against a stored pattern RE2 refuses gets a field error telling what to do, never a throw", () => {
  const tool = { credentialFields: [{ key: "apiKey", label: "API key", secret: true, required: true, pattern: "(?=sk-)\\w+", hint: false }], injection: [] };
  const errors = checkFieldValues(tool as unknown as Parameters<typeof checkFieldValues>[0], [{ key: "apiKey", value: "sk-canary-value" }]);
  assert.deepEqual(Object.keys(errors), ["fields.apiKey"]);
  assert.match(errors["fields.apiKey"]![0]!, /cannot be checked.*RE2.*create the tool again/i);
  assert.ok(!JSON.stringify(errors).includes("canary"), "the message never holds the value");
});

test("as ajv's engine, each schema pattern is its own (not the first one ajv compiled)", () => {
  const validate = inputValidator({
    type: "object",
    properties: { owner: { type: "string", pattern: "^[a-z0-9-]+$" }, code: { type: "string", pattern: "^[A-Z]{3}$" }, evil: { type: "string", pattern: "^(a+)+$" } },
  });
  assert.equal(validate({ owner: "acme", code: "ABC" }), true);
  assert.equal(validate({ owner: "Acme Corp", code: "ABC" }), false);
  assert.equal(validate({ owner: "acme", code: "abc" }), false);
  assert.equal(validate({ owner: "acme", code: "ABC", evil: `${"a".repeat(4095)}!` }), false, "in linear time: a backtracking engine would hang here");
});
