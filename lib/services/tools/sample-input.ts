// A first input for a tool, for the dashboard's curl samples: taken from its input schema, so a command
// works once pasted and a custom tool's own examples show up too. The schema's `examples` (a whole input)
// win; else each property's `examples` or `default` (those that offer one), and for a required property
// without, its `const`, first `enum` value or a placeholder of its type.

type TSchema = Record<string, unknown>;

const isObject = (v: unknown): v is TSchema => typeof v === "object" && v !== null && !Array.isArray(v);

function offered(schema: TSchema): { value: unknown } | null {
  if (Array.isArray(schema.examples) && schema.examples.length) return { value: schema.examples[0] };
  if ("default" in schema) return { value: schema.default };
  return null;
}

function allowed(schema: TSchema): { value: unknown } | null {
  if ("const" in schema) return { value: schema.const };
  if (Array.isArray(schema.enum) && schema.enum.length) return { value: schema.enum[0] };
  return null;
}

function placeholder(name: string, schema: TSchema): unknown {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === "integer" || type === "number") return typeof schema.minimum === "number" ? schema.minimum : 0;
  if (type === "boolean") return false;
  if (type === "array") return [];
  if (type === "object") return sampleOf(schema);
  return `<${name}>`;
}

function sampleOf(schema: TSchema): Record<string, unknown> {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (!isObject(property)) continue;
    const value = offered(property) ?? (required.has(name) ? allowed(property) : null);
    if (value) out[name] = value.value;
    else if (required.has(name)) out[name] = placeholder(name, property);
  }
  return out;
}

/** The sample input of a tool's input schema (its stored JSON text, or the object); `{}` without one. */
export function sampleInput(inputSchema: string | TSchema | null | undefined): unknown {
  let schema: unknown = inputSchema;
  if (typeof inputSchema === "string") {
    try {
      schema = JSON.parse(inputSchema);
    } catch {
      return {};
    }
  }
  if (!isObject(schema)) return {};
  if (Array.isArray(schema.examples) && isObject(schema.examples[0])) return schema.examples[0];
  return sampleOf(schema);
}
