import { test } from "node:test";
import assert from "node:assert/strict";
import { buildOutboundRequest, prepareOutbound } from "@/lib/services/invoke/outbound-request";

test("GET: input as query parameters, arrays repeated, injected query wins", () => {
  const template = prepareOutbound({ method: "GET", url: "https://api.example.com/v1/x?fixed=1" }, [{ in: "query", name: "key", template: "{{k}}" }], { k: "secret" });
  const r = buildOutboundRequest(template, { q: "a b", tags: ["x", "y"], key: "agent", skip: null });
  assert.equal(r.body, null);
  assert.equal(r.url.search, "?fixed=1&q=a+b&tags=x&tags=y&key=secret");
  // The template is shared by every call of a plan: a call's query stays out of it.
  assert.equal(template.url.search, "?fixed=1");
  assert.equal(buildOutboundRequest(template, {}).url.search, "?fixed=1&key=secret");
});

test("POST: input as JSON body with injected body paths; basic auth; empty optional values left out", () => {
  const template = prepareOutbound(
    { method: "POST", url: "https://api.example.com/v1/x" },
    [
      { in: "body", name: "auth.token", template: "{{t}}" },
      { in: "basic_auth", name: "username", template: "{{u}}" },
      { in: "basic_auth", name: "password", template: "{{p}}" },
      { in: "header", name: "X-Org", template: "{{org}}" },
    ],
    { t: "tok", u: "me", p: "pw" },
  );
  const r = buildOutboundRequest(template, { auth: "not-an-object", n: 1 });
  assert.deepEqual(JSON.parse(r.body!), { auth: { token: "tok" }, n: 1 });
  assert.equal(r.headers.authorization, `Basic ${Buffer.from("me:pw").toString("base64")}`);
  assert.equal(r.headers["content-type"], "application/json");
  assert.equal("x-org" in r.headers, false);
});
