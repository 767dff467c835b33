import assert from "node:assert/strict";
import { test } from "node:test";
import { BUILTIN_TOOLS } from "@/lib/services/tools/catalog";
import { inputValidator } from "@/lib/services/tools/input-schema";
import { sampleInput } from "@/lib/services/tools/sample-input";

test("every built-in tool's sample input passes its own input schema", () => {
  for (const tool of BUILTIN_TOOLS) {
    const schema = tool.inputSchema as Record<string, unknown>;
    const input = sampleInput(schema);
    assert.notDeepEqual(input, {}, tool.slug);
    assert.equal(inputValidator(schema)(input), true, `${tool.slug}: ${JSON.stringify(input)}`);
  }
});

test("a sample comes from the schema's examples, then each property's examples, default, const, enum or type", () => {
  assert.deepEqual(sampleInput('{"type":"object","examples":[{"q":"x"}],"properties":{"q":{"type":"string"}}}'), { q: "x" });
  const schema = {
    type: "object",
    properties: {
      a: { type: "string", examples: ["ex"] },
      b: { type: "integer", default: 3 },
      c: { enum: ["one", "two"] },
      d: { enum: ["left", "right"] },
      e: { type: "integer", minimum: 2 },
      f: { type: "string" },
      g: { type: "string" },
    },
    required: ["c", "e", "f"],
  };
  assert.deepEqual(sampleInput(JSON.stringify(schema)), { a: "ex", b: 3, c: "one", e: 2, f: "<f>" });
  assert.deepEqual(sampleInput(null), {});
  assert.deepEqual(sampleInput("not json"), {});
});
