// What a tool definition may contain: the one validation used by the catalog seed, GraphQL and the
// dashboard form.
import { z } from "zod";
import { HTTP_METHODS, INJECTION_TARGETS } from "@/models/tool-constants";
import { canTravelInHeader, templateKeys } from "@/lib/services/tools/templates";
import { inputSchemaProblems } from "@/lib/services/tools/input-schema";
import { pathParameterNames, pathParameterProblem } from "@/lib/services/tools/path-parameters";
import { patternProblem } from "@/lib/services/tools/tool-pattern";

// Headers the HTTP client owns; letting a template set them would corrupt or redirect the request.
const RESERVED_HEADERS = new Set(["host", "content-length", "transfer-encoding", "connection", "upgrade", "te"]);

// Body paths are set on plain objects: these would reach the prototype instead.
const FORBIDDEN_PATH_PARTS = new Set(["__proto__", "prototype", "constructor"]);

export const ZToolSlug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "use 2 to 63 lowercase letters, digits and dashes");

// RE2 syntax, evaluated in linear time (tool-pattern.ts says why); the problem names what RE2 refused.
const ZPattern = z
  .string()
  .max(200)
  .superRefine((pattern, ctx) => {
    const problem = patternProblem(pattern);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const ZCredentialFieldDefinition = z.object({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "use letters, digits and _, starting with a letter"),
  label: z.string().trim().min(1).max(100),
  help: z.string().trim().max(300).optional(),
  secret: z.boolean(),
  required: z.boolean(),
  pattern: ZPattern.optional(),
  hint: z.boolean().default(false),
});

// A tool's input schema, given as a JSON Schema object or as its JSON text (GraphQL); stored as JSON text,
// which keeps property names such as "a.b" or "$x" out of the database's field names.
const ZInputSchema = z
  .union([z.string().max(20_000), z.record(z.string(), z.unknown())])
  .transform((value, ctx) => {
    let schema: unknown = value;
    if (typeof value === "string") {
      try {
        schema = JSON.parse(value);
      } catch {
        ctx.addIssue({ code: "custom", message: "is not valid JSON" });
        return z.NEVER;
      }
    }
    for (const message of inputSchemaProblems(schema)) ctx.addIssue({ code: "custom", message });
    return JSON.stringify(schema);
  });

export const ZInjectionRule = z.object({
  in: z.enum(INJECTION_TARGETS),
  name: z.string().min(1).max(100),
  template: z.string().min(1).max(500),
});

export const ZToolDefinition = z
  .object({
    slug: ZToolSlug,
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(500).default(""),
    endpoint: z.object({
      method: z.enum(HTTP_METHODS),
      url: z
        .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
        .max(2048)
        // zod runs this even when the URL check above failed: an unparsable URL is that check's to report.
        .refine((u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password), "must not contain credentials"),
      // Input properties sent in the query string rather than the body (a GET sends all its input there).
      queryParams: z.array(z.string().regex(/^[A-Za-z0-9_.\-[\]]{1,100}$/, "is not a valid parameter name")).max(50).default([]),
    }),
    // Absent: any JSON object is accepted, as before tools declared schemas.
    inputSchema: ZInputSchema.optional(),
    costCents: z.number().int().min(0).max(100_000).default(0),
    // The integration whose credential the tool injects (its slug). Absent: the tool gets its own
    // integration, with these credential fields (a static one, or none), as every tool had before.
    integration: ZToolSlug.optional(),
    credentialFields: z.array(ZCredentialFieldDefinition).max(20).default([]),
    injection: z.array(ZInjectionRule).max(20).default([]),
  })
  .superRefine((tool, ctx) => {
    const pathProblem = pathParameterProblem(tool.endpoint.url);
    if (pathProblem) ctx.addIssue({ code: "custom", path: ["endpoint", "url"], message: pathProblem });
    if (tool.endpoint.method === "GET" && tool.endpoint.queryParams.length > 0) {
      ctx.addIssue({ code: "custom", path: ["endpoint", "queryParams"], message: "is for methods with a body: a GET sends all its input in the query" });
    }
    if (tool.inputSchema) {
      // A path parameter is never optional: the schema must ask for it.
      const required = (JSON.parse(tool.inputSchema) as { required?: unknown }).required;
      for (const name of pathParameterNames(tool.endpoint.url)) {
        if (!Array.isArray(required) || !required.includes(name)) {
          ctx.addIssue({ code: "custom", path: ["inputSchema"], message: `must list the path parameter "${name}" as required` });
        }
      }
    }
    if (tool.integration && tool.credentialFields.length) {
      ctx.addIssue({ code: "custom", path: ["credentialFields"], message: "belong to the integration: leave them out when naming one" });
    }
    const keys = new Set<string>();
    tool.credentialFields.forEach((field, i) => {
      if (keys.has(field.key)) ctx.addIssue({ code: "custom", path: ["credentialFields", i, "key"], message: "is declared twice" });
      keys.add(field.key);
    });
    // A named integration's keys are checked by the service, which reads it (templateKeyProblems).
    if (!tool.integration) {
      for (const problem of templateKeyProblems(tool.injection, keys)) ctx.addIssue({ code: "custom", ...problem });
    }
    tool.injection.forEach((rule, i) => {
      const at = (message: string, key: "in" | "name" | "template") =>
        ctx.addIssue({ code: "custom", path: ["injection", i, key], message });
      if (rule.in === "header" && !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(rule.name)) at("is not a valid header name", "name");
      if (rule.in === "header" && RESERVED_HEADERS.has(rule.name.toLowerCase())) at("is a header the server sets itself", "name");
      if (rule.in === "header" && !canTravelInHeader(rule.template)) at("holds characters an HTTP header cannot carry", "template");
      if ((rule.in === "query" || rule.in === "body") && !/^[A-Za-z0-9_.\-[\]]+$/.test(rule.name)) at("is not a valid parameter name", "name");
      if (rule.in === "body" && tool.endpoint.method === "GET") at("cannot be used: a GET request has no body", "in");
      if (rule.in === "body" && rule.name.split(".").some((part) => FORBIDDEN_PATH_PARTS.has(part) || part === "")) {
        at("is not a valid body path", "name");
      }
      if (rule.in === "basic_auth" && rule.name !== "username" && rule.name !== "password") at('must be "username" or "password"', "name");
    });
  });

export type TToolDefinitionInput = z.input<typeof ZToolDefinition>;
export type TToolDefinition = z.output<typeof ZToolDefinition>;

/** Templates that name a key the integration does not provide, as issues at their rule's template. */
export function templateKeyProblems(
  injection: { template: string }[],
  keys: ReadonlySet<string>,
): { path: (string | number)[]; message: string }[] {
  return injection.flatMap((rule, i) =>
    templateKeys(rule.template)
      .filter((key) => !keys.has(key))
      .map((key) => ({ path: ["injection", i, "template"], message: `references {{${key}}}, which is not a credential field` })),
  );
}
