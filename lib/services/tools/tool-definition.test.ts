import { test } from "node:test";
import assert from "node:assert/strict";
import { ZToolDefinition } from "@/lib/services/tools/tool-definition";
import { fieldErrorsFromIssues } from "@/lib/services/errors";

const valid = {
  slug: "acme-geocoding",
  name: "Acme Geocoding",
  endpoint: { method: "GET", url: "https://api.acme.test/v1/geocode" },
  credentialFields: [{ key: "apiKey", label: "API key", secret: true, required: true }],
  injection: [{ in: "header", name: "Authorization", template: "Bearer {{apiKey}}" }],
};

test("an empty or malformed endpoint URL is a field error, not a thrown TypeError", () => {
  for (const url of ["", "not a url"]) {
    const parsed = ZToolDefinition.safeParse({ ...valid, endpoint: { method: "GET", url } });
    assert.equal(parsed.success, false);
    assert.deepEqual(Object.keys(fieldErrorsFromIssues(parsed.error!.issues)), ["endpoint.url"]);
  }
});

test("an endpoint URL with credentials in it is refused", () => {
  const parsed = ZToolDefinition.safeParse({ ...valid, endpoint: { method: "GET", url: "https://u:p@api.acme.test/" } });
  assert.equal(parsed.success, false);
  assert.deepEqual(fieldErrorsFromIssues(parsed.error!.issues), { "endpoint.url": ["must not contain credentials"] });
});

test("a template's unknown placeholder is reported at that rule's template", () => {
  const parsed = ZToolDefinition.safeParse({ ...valid, injection: [{ in: "header", name: "Authorization", template: "Bearer {{apikey}}" }] });
  assert.equal(parsed.success, false);
  assert.deepEqual(Object.keys(fieldErrorsFromIssues(parsed.error!.issues)), ["injection.0.template"]);
});

test("a header template with characters no header can carry is refused; a query template may hold them", () => {
  const header = ZToolDefinition.safeParse({ ...valid, injection: [{ in: "header", name: "Authorization", template: "Jeton→{{apiKey}}" }] });
  assert.equal(header.success, false);
  assert.deepEqual(fieldErrorsFromIssues(header.error!.issues), { "injection.0.template": ["holds characters an HTTP header cannot carry"] });
  const query = ZToolDefinition.safeParse({ ...valid, injection: [{ in: "query", name: "clé", template: "→{{apiKey}}" }] });
  assert.deepEqual(query.success ? [] : Object.keys(fieldErrorsFromIssues(query.error.issues)), ["injection.0.name"], "only the name's rule applies");
});

test("a credential-field pattern RE2 cannot compile is a field error at that pattern", () => {
  const withPattern = (pattern: string) => ({ ...valid, credentialFields: [{ ...valid.credentialFields[0]!, pattern }] });
  const refused = ZToolDefinition.safeParse(withPattern("(?<=Bearer )\\w+"));
  assert.equal(refused.success, false);
  const errors = fieldErrorsFromIssues(refused.error!.issues);
  assert.deepEqual(Object.keys(errors), ["credentialFields.0.pattern"]);
  assert.match(errors["credentialFields.0.pattern"]![0]!, /RE2 syntax: no backreferences or lookarounds/);
  assert.equal(ZToolDefinition.safeParse(withPattern("(a+)+$")).success, true, "slow in a backtracking engine, linear in RE2");
});
