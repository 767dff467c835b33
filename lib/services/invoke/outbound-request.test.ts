import { test } from "node:test";
import assert from "node:assert/strict";
import { buildOutboundRequest, fixedQueryErrors, pathInputErrors, prepareOutbound } from "@/lib/services/invoke/outbound-request";

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

test("path parameters: filled percent-encoded, one segment each; the host, query and path cannot be escaped", () => {
  const template = prepareOutbound({ method: "POST", url: "https://api.example.com/repos/{owner}/{repo}/issues?fixed=1", queryParams: ["page"] }, [], {});
  const r = buildOutboundRequest(template, { owner: "a b", repo: "x/y?z#w", page: 2, title: "t" });
  assert.equal(r.url.href, "https://api.example.com/repos/a%20b/x%2Fy%3Fz%23w/issues?fixed=1&page=2");
  assert.deepEqual(JSON.parse(r.body!), { title: "t" }, "path and query input stay out of the body");
  assert.equal(template.url.pathname, "/repos/%7Bowner%7D/%7Brepo%7D/issues", "the shared template is untouched");

  for (const hostile of ["..", ".", "", "%2e%2e", "../../admin", "@evil.test", "//evil.test", "\\..\\", "..%2f", "%00"]) {
    const input: Record<string, unknown> = { owner: hostile, repo: "r" };
    const errors = pathInputErrors(template, input);
    if (errors) {
      assert.ok(errors["input.owner"], `${JSON.stringify(hostile)} is reported at its property`);
      continue;
    }
    const url = buildOutboundRequest(template, input).url;
    assert.equal(url.host, "api.example.com", JSON.stringify(hostile));
    assert.match(url.pathname, /^\/repos\/[^/]+\/r\/issues$/, JSON.stringify(hostile));
    assert.equal(url.search, "?fixed=1");
  }
  for (const refused of ["..", ".", "", null, { a: 1 }, ["x"], true]) {
    assert.ok(pathInputErrors(template, { owner: refused, repo: "r" }), `${JSON.stringify(refused)} is refused`);
  }
  assert.ok(pathInputErrors(template, { repo: "r" }), "a missing parameter is refused");
  // Two parameters in one segment could make ".." together.
  const joined = prepareOutbound({ method: "GET", url: "https://api.example.com/a/{x}{y}/b" }, [], {});
  assert.ok(pathInputErrors(joined, { x: ".", y: "." }));
  assert.equal(pathInputErrors(joined, { x: "v", y: 1 }), null);
  assert.equal(buildOutboundRequest(joined, { x: "v", y: 1, q: "s" }).url.href, "https://api.example.com/a/v1/b?q=s");
});

test("a query-injected credential reaches the vendor for a method with a body too", () => {
  const template = prepareOutbound({ method: "POST", url: "https://api.example.com/v1/x" }, [{ in: "query", name: "key", template: "{{k}}" }], { k: "secret" });
  const r = buildOutboundRequest(template, { key: "agent", n: 1 });
  assert.equal(r.url.search, "?key=secret");
  assert.deepEqual(JSON.parse(r.body!), { key: "agent", n: 1 });
});

test("input cannot repeat a query parameter the endpoint URL fixes, where it would go to the query", () => {
  const get = prepareOutbound({ method: "GET", url: "https://api.example.com/v1/{scope}/x?scope=read&format=json" }, [], {});
  assert.deepEqual(fixedQueryErrors(get, { scope: "admin", format: "xml", q: "a" }), {
    "input.format": ["is fixed by the tool's endpoint URL and cannot be sent"],
  }, "a path parameter of the same name fills the path, not the query");
  assert.equal(fixedQueryErrors(get, { q: "a", scope: "s" }), null);
  const post = prepareOutbound({ method: "POST", url: "https://api.example.com/x?mode=safe", queryParams: ["mode", "page"] }, [], {});
  assert.ok(fixedQueryErrors(post, { mode: "unsafe" }));
  assert.equal(fixedQueryErrors(post, { page: 2 }), null);
  const body = prepareOutbound({ method: "POST", url: "https://api.example.com/x?mode=safe" }, [], {});
  assert.equal(fixedQueryErrors(body, { mode: "in the body" }), null, "a body property does not touch the query");
});
