// The catalog of agent error codes stays complete: every code thrown on the agent's path is in it, with
// the status it is thrown with, and every entry says what happened and what to do.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { AGENT_ERROR_CODES, errorCodeInfo } from "@/lib/services/invoke/error-codes";
import { ServiceUnavailableError, UnauthenticatedError, ValidationError } from "@/lib/services/errors";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [file] : [];
  });
}

test("every InvokeError code thrown in lib/ is in the catalog, with its status", () => {
  const thrown = new Map<string, number>();
  for (const file of sources("lib")) {
    for (const [, code, status] of readFileSync(file, "utf8").matchAll(/new InvokeError\(\s*"([a-z_]+)",\s*(\d{3})/g)) thrown.set(code!, Number(status));
  }
  assert.ok(thrown.size >= 10, "the scan finds the route's errors");
  for (const [code, status] of thrown) {
    assert.equal(errorCodeInfo(code)?.status, status, `${code} (${status}) is missing from AGENT_ERROR_CODES or has another status`);
  }
  for (const error of [new ValidationError("x"), new UnauthenticatedError(), new ServiceUnavailableError("x")]) {
    assert.equal(errorCodeInfo(error.code)?.status, error.status, error.code);
  }
  assert.equal(errorCodeInfo("missing_credential")?.status, 424);
});

test("every entry says what happened and what to do, in sentences", () => {
  for (const [code, info] of Object.entries(AGENT_ERROR_CODES)) {
    assert.match(info.meaning, /^[A-Z].*\.$/, code);
    assert.match(info.fix, /^[A-Z].*\.$/, code);
  }
  assert.equal(errorCodeInfo("toString"), null, "only own entries");
});
