import { test } from "node:test";
import assert from "node:assert/strict";
import { graphql, type GraphQLFieldResolver } from "graphql";
import { readFileSync } from "node:fs";
import { buildSchema, rootFieldNames } from "@/graphql/schema";
import { mergedSdl } from "@/graphql/sdl";
import { schemaNames, withoutEchoedValues } from "@/graphql/errors";
import { UnauthenticatedError } from "@/lib/services/errors";

const schema = buildSchema();
const known = schemaNames(schema);

test("every root field refuses anonymous callers before running its resolver", async () => {
  const { query, mutation } = rootFieldNames(schema);
  assert.ok(query.length >= 8 && mutation.length >= 15, "all domains are in the schema");
  for (const [type, names] of [[schema.getQueryType()!, query], [schema.getMutationType()!, mutation]] as const) {
    for (const name of names) {
      const resolve = type.getFields()[name]!.resolve as GraphQLFieldResolver<unknown, unknown>;
      assert.throws(
        () => resolve(undefined, {}, { actor: { kind: "anonymous" }, requestId: "t" }, {} as never),
        UnauthenticatedError,
        `${type.name}.${name} answers anonymous callers`,
      );
    }
  }
});

test("GraphQL's own coercion errors lose the values they quote", async () => {
  const canary = "sk-canaryCOERCED000000";
  const messages: string[] = [];
  for (const [source, variableValues] of [
    [`mutation($l: Int) { createBudget(input: { name: "x", limitCents: $l }) { id } }`, { l: canary }],
    [`mutation { createBudget(input: { name: "x", limitCents: "${canary}" }) { id } }`, {}],
    [`mutation($i: CreateCredentialInput!) { createCredential(input: $i) { id } }`, { i: { toolSlug: "x", name: "x", fields: [{ key: "k", value: { nested: canary } }] } }],
    [`query { tools { slug(arg: "${canary}") } }`, {}],
    [`query { ${canary.replace(/-/g, "_")} }`, {}],
    [`query { tools(${canary.replace(/-/g, "_")}: 1) { slug } }`, {}],
    [`query { viewer { id } } ${canary.replace(/-/g, "_")}`, {}],
  ] as const) {
    const result = await graphql({ schema, source, variableValues, contextValue: { actor: { kind: "anonymous" } } });
    assert.ok(result.errors?.length, source);
    messages.push(...result.errors.map((e) => e.message));
  }
  const underscored = canary.replace(/-/g, "_");
  assert.ok(messages.some((m) => m.includes(canary)), "graphql-js does quote input values (else this test proves nothing)");
  assert.ok(messages.some((m) => m.includes(underscored)), "and names from the query");
  for (const message of messages) {
    const safe = withoutEchoedValues(message, known);
    assert.ok(!safe.includes(canary) && !safe.includes(underscored), safe);
  }
  assert.equal(
    withoutEchoedValues(`Variable "$l" got invalid value "${canary}"; Int cannot represent non-integer value: "${canary}"`, known),
    `Variable "$l" has an invalid value.`,
  );
  // What the schema defines stays, so errors remain useful.
  assert.equal(
    withoutEchoedValues(`Cannot query field "slugg" on type "Tool". Did you mean "slug"?`, known),
    `Cannot query field "…" on type "Tool". Did you mean "slug"?`,
  );
});

test("operations nested deeper than the limit are refused before anything runs", async () => {
  const { parse, validate, specifiedRules } = await import("graphql");
  const { depthLimit } = await import("@/graphql/depth-limit");
  const deep = parse("{ budgets { bindings { budget { bindings { budget { bindings { budget { bindings { id } } } } } } } } }");
  const errors = validate(schema, deep, [...specifiedRules, depthLimit(8)]);
  assert.match(errors.map((e) => e.message).join(), /nested 9 levels deep; at most 8/);
  const viaFragment = parse("{ budgets { ...B } } fragment B on Budget { bindings { budget { bindings { budget { bindings { budget { bindings { id } } } } } } } }");
  assert.equal(validate(schema, viaFragment, [depthLimit(8)]).length, 1);
  const fine = parse("{ budgets { bindings { credential { tool { credentialFields { key } } } } } }");
  assert.deepEqual(validate(schema, fine, [...specifiedRules, depthLimit(8)]), []);
});

test("./schema.graphql is the merged schema (run `npm run schema` after changing an SDL file)", () => {
  assert.equal(readFileSync("schema.graphql", "utf8"), mergedSdl());
});
