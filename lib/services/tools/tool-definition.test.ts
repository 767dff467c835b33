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

test("an input schema is checked at save: JSON, a valid 2020-12 schema of an object, self-contained", () => {
  const cases: [unknown, string][] = [
    ["{not json", "is not valid JSON"],
    ['{"type":"array"}', 'must have "type": "object" (an input is a JSON object)'],
    ['{"type":"object","properties":{"a":{"type":"strin"}}}', "/properties/a/type must be equal to one of the allowed values"],
    ['{"type":"object","propertys":{}}', 'strict mode: unknown keyword: "propertys"'],
    ['{"type":"object","properties":{"a":{"$ref":"#/$defs/a"}}}', "must be self-contained: no $ref, $id or anchors"],
    ['{"type":"object","properties":{"a":{"type":"string","pattern":"("}}}', ""],
  ];
  for (const [inputSchema, message] of cases) {
    const parsed = ZToolDefinition.safeParse({ ...valid, inputSchema });
    assert.equal(parsed.success, false, String(inputSchema));
    const errors = fieldErrorsFromIssues(parsed.error!.issues);
    assert.deepEqual(Object.keys(errors), ["inputSchema"]);
    if (message) assert.equal(errors.inputSchema![0], message);
  }
  const ok = ZToolDefinition.parse({ ...valid, inputSchema: { type: "object", properties: { "a.b": { type: "string", format: "email" } } } });
  assert.equal(ok.inputSchema, '{"type":"object","properties":{"a.b":{"type":"string","format":"email"}}}', "stored as JSON text");
  assert.equal(ZToolDefinition.parse(valid).inputSchema, undefined, "no schema: any object");
});

test("path parameters live in the path only, once each, and a schema must require them", () => {
  const at = (url: string, extra: object = {}) => {
    const parsed = ZToolDefinition.safeParse({ ...valid, endpoint: { method: "POST", url }, injection: [], credentialFields: [], ...extra });
    return parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues);
  };
  assert.deepEqual(at("https://api.acme.test/repos/{owner}/{repo}"), {});
  assert.deepEqual(at("https://{tenant}.acme.test/x"), { "endpoint.url": ["may hold {parameters} in its path only"] });
  assert.deepEqual(at("https://api.acme.test/x?q={q}"), { "endpoint.url": ["may hold {parameters} in its path only"] });
  assert.deepEqual(at("https://api.acme.test/{a}/{a}"), { "endpoint.url": ["names a path parameter twice"] });
  assert.deepEqual(at("https://api.acme.test/{a", {}), { "endpoint.url": ["has a malformed {parameter}: use letters, digits and _"] });
  assert.deepEqual(at("https://api.acme.test/{owner}", { inputSchema: { type: "object" } }), { inputSchema: ['must list the path parameter "owner" as required'] });
  const get = ZToolDefinition.safeParse({ ...valid, endpoint: { method: "GET", url: "https://api.acme.test/x", queryParams: ["q"] } });
  assert.deepEqual(get.success ? {} : fieldErrorsFromIssues(get.error.issues), { "endpoint.queryParams": ["is for methods with a body: a GET sends all its input in the query"] });
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
