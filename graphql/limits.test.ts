import { test } from "node:test";
import assert from "node:assert/strict";
import { getIntrospectionQuery, parse, specifiedRules, validate } from "graphql";
import { buildSchema } from "@/graphql/schema";
import { depthLimit } from "@/graphql/depth-limit";
import { LIMITS, limitRules, operationCost } from "@/graphql/limits";

const schema = buildSchema();
const rules = [...specifiedRules, depthLimit(8), ...limitRules()];

test("the standard introspection query passes every limit", () => {
  for (const query of [getIntrospectionQuery(), getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true })]) {
    const document = parse(query, { maxTokens: LIMITS.maxTokens });
    assert.deepEqual(validate(schema, document, rules).map((e) => e.message), []);
    assert.ok(operationCost({ schema, document })! <= LIMITS.maxCost);
  }
});

test("what the dashboard and integrators ask passes; nested lists multiply the cost", () => {
  const screen = parse(
    "{ budgets { id name tools { slug name credentialFields { key label secret required pattern hint } } bindings { id tool { slug name } credential { id name fields { key label secret value masked hint } } } keys { id name prefix createdAt lastUsedAt revokedAt } warnings { kind setupUrl count tool { slug } } usage(limit: 100) { requestId toolSlug status latencyMs costCents at } } }",
  );
  assert.deepEqual(validate(schema, screen, rules), []);
  assert.ok(operationCost({ schema, document: screen })! < LIMITS.maxCost);
  const one = operationCost({ schema, document: parse("{ budgets { id } }") })!;
  const nested = operationCost({ schema, document: parse("{ budgets { bindings { credential { budgets { id } } } } }") })!;
  assert.ok(nested >= one * 100, `${nested} vs ${one}`);
  // A list argument counts as the length asked, and variables are taken into account.
  const usage = (limit: number) => operationCost({ schema, document: parse("query($n: Int) { budgets { usage(limit: $n) { at } } }"), variables: { n: limit } })!;
  assert.ok(usage(100) > usage(1) * 50);
});

test("too many aliases are refused with QUERY_TOO_COMPLEX, counted through fragments too", () => {
  const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: viewer { id }`).join(" ");
  assert.deepEqual(validate(schema, parse(`{ ${aliases(LIMITS.maxAliases)} }`), rules), []);
  const [error] = validate(schema, parse(`{ ${aliases(LIMITS.maxAliases + 1)} }`), rules);
  assert.equal(error?.extensions.code, "QUERY_TOO_COMPLEX");
  assert.doesNotMatch(error!.message, /a\d+|viewer/);
  const viaFragment = parse(`{ ...F ...G } fragment F on Query { ${aliases(20)} } fragment G on Query { ${aliases(20).replace(/a(\d+)/g, "b$1")} }`);
  assert.equal(validate(schema, viaFragment, rules)[0]?.extensions.code, "QUERY_TOO_COMPLEX");
});
