// A tool's input schema: a JSON Schema (draft 2020-12, the dialect of MCP and OpenAPI 3.1) of the object
// an agent sends as `input`. Checked when a tool is saved, compiled once per distinct schema, and run on
// every call before anything costs anything (lib/services/invoke/invoke.service.ts).
import { re2RegExpEngine } from "@/lib/services/tools/tool-pattern";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { TFieldErrors } from "@/lib/services/errors";

export type TJsonSchema = Record<string, unknown>;

/** What a tool without a schema accepts: any JSON object, as before schemas existed. */
export const ANY_OBJECT_SCHEMA: TJsonSchema = Object.freeze({ type: "object" });

// A schema travels in GraphQL, call plans, MCP's tools/list and the OpenAPI document: keep it small.
const MAX_SCHEMA_CHARS = 20_000;
// Errors listed per call: enough to fix the input, not a flood.
const MAX_ERRORS = 20;
// The validators of recently used schemas, by their JSON text (a plan is rebuilt often; a schema rarely changes).
const MAX_VALIDATORS = 2_000;

// allErrors: the agent sees every problem at once. Formats ("email", "uri", "date-time", ...) are checked.
// strictSchema: a keyword ajv does not know is a mistake in the schema, reported when the tool is saved
// (ajv's stricter type checks would refuse common, valid schemas, such as a format without a type).
const ajv = new Ajv2020({ allErrors: true, strictSchema: true, strictNumbers: true, strictTypes: false, strictTuples: false, strictRequired: false, validateFormats: true, code: { regExp: re2RegExpEngine } });
addFormats(ajv);

const validators = new Map<string, ValidateFunction>();

/** Why a schema cannot be a tool's input schema, as messages; empty when it can. */
export function inputSchemaProblems(schema: unknown): string[] {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return ["must be a JSON Schema object"];
  const text = JSON.stringify(schema);
  if (text.length > MAX_SCHEMA_CHARS) return [`must be at most ${MAX_SCHEMA_CHARS} characters as JSON`];
  const root = schema as TJsonSchema;
  if (root.type !== "object") return ['must have "type": "object" (an input is a JSON object)'];
  // The schema is embedded in other documents (OpenAPI, MCP): a reference would resolve against them.
  if (/"\$(ref|dynamicRef|id|anchor|dynamicAnchor)"\s*:/.test(text)) return ["must be self-contained: no $ref, $id or anchors"];
  if (!ajv.validateSchema(root)) return (ajv.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "schema"} ${e.message ?? "is invalid"}`);
  try {
    compile(root);
  } catch (error) {
    return [error instanceof Error ? error.message.slice(0, 200) : "cannot be compiled"];
  }
  return [];
}

/** The compiled validator of a (saved, so valid) schema: compiled once per distinct schema. */
export function inputValidator(schema: TJsonSchema | null | undefined): ValidateFunction {
  return compile(schema ?? ANY_OBJECT_SCHEMA);
}

function compile(schema: TJsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (validate) return validate;
  validate = ajv.compile(schema);
  // The validator keeps working; ajv's own cache (by object) would otherwise grow with every plan rebuilt.
  ajv.removeSchema(schema);
  if (validators.size >= MAX_VALIDATORS) validators.delete(validators.keys().next().value!);
  validators.set(key, validate);
  return validate;
}

/**
 * The validator's errors as field errors under `input` ("input.owner": ["must be string"]). Ajv's messages
 * name the schema's constraint, never the value that broke it.
 */
export function inputFieldErrors(errors: ErrorObject[] | null | undefined): TFieldErrors {
  const out: TFieldErrors = {};
  let count = 0;
  for (const error of errors ?? []) {
    if (count++ >= MAX_ERRORS) break;
    const path = ["input", ...error.instancePath.split("/").slice(1).map(unescapePointer)];
    let message = error.message ?? "is invalid";
    if (error.keyword === "required") {
      path.push(String(error.params.missingProperty));
      message = "is required";
    } else if (error.keyword === "additionalProperties") {
      path.push(String(error.params.additionalProperty));
      message = "is not allowed";
    } else if (error.keyword === "enum") {
      message = `must be one of: ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`.slice(0, 200);
    }
    (out[path.join(".")] ??= []).push(message);
  }
  return out;
}

const unescapePointer = (part: string) => part.replace(/~1/g, "/").replace(/~0/g, "~");
