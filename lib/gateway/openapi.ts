// GET /api/v1/openapi.json: an OpenAPI 3.1 document of exactly the invoke operations the budget key may
// call, so agent frameworks that load OpenAPI tools can use a key directly. Input schemas are JSON Schema
// 2020-12, the dialect of OpenAPI 3.1, and self-contained (checked at save), so they embed as they are.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { keyTools, type TKeyTool } from "@/lib/gateway/key-tools";
import { send, toErrorBody } from "@/lib/gateway/with-budget-key";
import { AGENT_ERROR_CODES } from "@/lib/services/invoke/error-codes";

// The error codes each answer status carries, from the one catalog of them (error-codes.ts).
const ERROR_RESPONSES: Record<string, string> = {};
for (const [code, { status, meaning }] of Object.entries(AGENT_ERROR_CODES)) {
  // Not answers of the invoke operation itself (the route's own method check).
  if (code === "method_not_allowed") continue;
  const line = `${code}: ${meaning}`;
  ERROR_RESPONSES[status] = ERROR_RESPONSES[status] ? `${ERROR_RESPONSES[status]} ${line}` : line;
}

export function openApiDocument(tools: TKeyTool[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const tool of tools) {
    const responses: Record<string, unknown> = {
      "200": { description: "The vendor's answer, secrets removed.", content: { "application/json": { schema: { $ref: "#/components/schemas/InvokeAnswer" } } } },
    };
    for (const [status, description] of Object.entries(ERROR_RESPONSES)) {
      responses[status] = { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
    }
    const state = tool.setupUrl ? ` Not ready (${tool.state}): set it up at ${tool.setupUrl}.` : "";
    paths[`/api/v1/tools/${encodeURIComponent(tool.slug)}/invoke`] = {
      post: {
        operationId: tool.slug.replace(/-(.)/g, (_, c: string) => c.toUpperCase()),
        summary: tool.name,
        description: `${tool.description} Costs ${tool.costCents} cent(s) per call.${state}`.trim(),
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", properties: { input: tool.inputSchema }, required: ["input"], additionalProperties: false },
            },
          },
        },
        responses,
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Vaultline tools of this budget key", version: "1.0.0", description: "Each operation calls one tool; Vaultline injects the credential." },
    servers: [{ url: env().APP_URL }],
    security: [{ budgetKey: [] }],
    paths,
    components: {
      securitySchemes: { budgetKey: { type: "http", scheme: "bearer", description: "A budget key: vl_live_..." } },
      schemas: {
        InvokeAnswer: {
          type: "object",
          properties: {
            status: { type: "integer", description: "The vendor's HTTP status." },
            headers: { type: "object", additionalProperties: { type: "string" } },
            body: { description: "The vendor's body: parsed JSON, or text." },
          },
          required: ["status", "headers", "body"],
        },
        Error: {
          type: "object",
          properties: {
            error: {
              type: "object",
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                requestId: { type: "string" },
                fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
                setupUrl: { type: "string", format: "uri" },
              },
              required: ["code", "message", "requestId"],
            },
          },
          required: ["error"],
        },
      },
    },
  };
}

export function handleOpenApi(req: IncomingMessage, res: ServerResponse): void {
  const requestId = randomUUID();
  keyTools(req.headers.authorization, (error, tools) => {
    if (error) {
      const mapped = toErrorBody(error, requestId);
      return send(res, mapped.status, requestId, mapped.body);
    }
    send(res, 200, requestId, openApiDocument(tools!));
  });
}
