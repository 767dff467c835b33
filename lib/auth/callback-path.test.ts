import { test } from "node:test";
import assert from "node:assert/strict";
import { isAcceptableCallbackUrl, safeCallbackPath, sameSiteRedirect } from "@/lib/auth/callback-path";

test("after sign-in, only paths of this site are followed", () => {
  for (const path of ["/", "/budgets/abc?tab=keys", "/credentials/new?tool=openai-chat&budget=1"]) assert.equal(safeCallbackPath(path), path);
  for (const hostile of [undefined, "", "https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example", "evil.example/x"]) {
    assert.equal(safeCallbackPath(hostile), "/", JSON.stringify(hostile));
  }
});

test("next-auth's callbackUrl: a safe path or an address of this site, and its redirect never throws", () => {
  const app = "http://localhost:3000";
  for (const ok of ["/", "/budgets/1?x=2", "http://localhost:3000/credentials", "http://localhost:3000/"]) assert.ok(isAcceptableCallbackUrl(ok, app), ok);
  for (const bad of ["\n{\"level\":30}", "/\n{}", "//evil.example", "https://evil.example/", "http://localhost:3000//evil.example", "http://localhost:3001/", "javascript:alert(1)", "x"]) {
    assert.ok(!isAcceptableCallbackUrl(bad, app), JSON.stringify(bad));
  }
  assert.equal(sameSiteRedirect("/tools", app), "http://localhost:3000/tools");
  assert.equal(sameSiteRedirect("http://localhost:3000/tools", app), "http://localhost:3000/tools");
  assert.equal(sameSiteRedirect("\n{}", app), app);
  assert.equal(sameSiteRedirect("https://evil.example", app), app);
});
