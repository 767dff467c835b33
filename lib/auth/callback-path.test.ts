import { test } from "node:test";
import assert from "node:assert/strict";
import { safeCallbackPath } from "@/lib/auth/callback-path";

test("after sign-in, only paths of this site are followed", () => {
  for (const path of ["/", "/budgets/abc?tab=keys", "/credentials/new?tool=openai-chat&budget=1"]) assert.equal(safeCallbackPath(path), path);
  for (const hostile of [undefined, "", "https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example", "evil.example/x"]) {
    assert.equal(safeCallbackPath(hostile), "/", JSON.stringify(hostile));
  }
});
