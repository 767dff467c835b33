// How agents find and call their tools, end to end against the production server and the real database:
// input schemas (refused inputs cost nothing and reach no vendor), path parameters, the key's tool list,
// the OpenAPI document (checked by a maintained validator) and MCP, spoken by the official SDK's client.
import "@/tests/helpers/test-env";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ToolListChangedNotificationSchema, UrlElicitationRequiredError } from "@modelcontextprotocol/sdk/types.js";
import { useTestDatabase } from "@/tests/helpers/database";
import { startAppServer, type TAppServer } from "@/tests/helpers/app-server";
import { GraphQLClient } from "@/tests/helpers/graphql-client";
import { startVendorStub, type TVendorStub } from "@/tests/helpers/vendor-stub";
import { userWithToken } from "@/tests/helpers/accounts";

useTestDatabase();

const CANARY = "canaryAGENTinterfaces_secret_0042";

let server: TAppServer;
let vendor: TVendorStub;
let alice: GraphQLClient;
/** Everything agents received, raw: the canary must be in none of it. */
const received: string[] = [];

const ISSUE_SCHEMA = {
  type: "object",
  properties: {
    owner: { type: "string", pattern: "^[a-z0-9-]+$" },
    repo: { type: "string", minLength: 1, maxLength: 20 },
    title: { type: "string" },
    labels: { type: "array", items: { enum: ["bug", "docs"] }, maxItems: 2 },
    count: { type: "integer", minimum: 1, maximum: 5 },
    email: { type: "string", format: "email" },
    page: { type: "integer" },
  },
  required: ["owner", "repo", "title"],
  additionalProperties: false,
};

async function createTool(input: Record<string, unknown>) {
  return alice.request(`mutation($input: CreateToolInput!) { createTool(input: $input) { slug inputSchema endpoint { queryParams } } }`, { input });
}

async function budget(name: string, limitCents: number | null): Promise<{ id: string; key: string }> {
  const { createBudget } = await alice.ok(`mutation($name: String!, $limit: Int) { createBudget(input: { name: $name, limitCents: $limit }) { id } }`, { name, limit: limitCents });
  const { createBudgetKey } = await alice.ok(`mutation($b: ID!) { createBudgetKey(budgetId: $b, name: "agent") { key } }`, { b: createBudget.id });
  return { id: createBudget.id, key: createBudgetKey.key };
}

async function allow(budgetId: string, ...slugs: string[]): Promise<void> {
  for (const slug of slugs) await alice.ok(`mutation($b: ID!, $s: String!) { addToolToBudget(budgetId: $b, toolSlug: $s) { id } }`, { b: budgetId, s: slug });
}

async function bind(budgetId: string, toolSlug: string, apiKey: string): Promise<void> {
  const { createCredential } = await alice.ok(`mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`, {
    input: { toolSlug, name: `${toolSlug} key`, fields: [{ key: "apiKey", value: apiKey }] },
  });
  await alice.ok(`mutation($input: BindCredentialInput!) { bindCredential(input: $input) { id } }`, { input: { budgetId, toolSlug, credentialId: createCredential.id } });
}

async function agentFetch(path: string, key: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (key) headers.set("authorization", `Bearer ${key}`);
  const res = await fetch(`${server.url}${path}`, { ...init, headers });
  const text = await res.text();
  received.push(text);
  return { status: res.status, headers: res.headers, text, json: text ? (JSON.parse(text) as Record<string, any>) : null };
}

const setupLink = (budgetId: string, slug: string) => `${server.url}/credentials/new?tool=${slug}&budget=${budgetId}`;

const invoke = (key: string, slug: string, input: unknown) =>
  agentFetch(`/api/v1/tools/${slug}/invoke`, key, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ input }) });

const withKey = { credentialFields: [{ key: "apiKey", label: "API key", secret: true, required: true }], injection: [{ in: "HEADER", name: "X-Api-Key", template: "{{apiKey}}" }] };

let main: { id: string; key: string };

before(async () => {
  vendor = await startVendorStub();
  server = await startAppServer({ VAULTLINE_ALLOW_PRIVATE_HOSTS: "1" });
  alice = await userWithToken(server.url, "agent-interfaces@example.com");
  for (const input of [
    {
      slug: "issues",
      name: "Create an issue",
      description: "Opens an issue.",
      endpoint: { method: "POST", url: `${vendor.url}/repos/{owner}/{repo}/issues`, queryParams: ["page"] },
      costCents: 1,
      inputSchema: JSON.stringify(ISSUE_SCHEMA),
      ...withKey,
    },
    { slug: "unbound", name: "Unbound", endpoint: { method: "GET", url: `${vendor.url}/echo` }, costCents: 1, ...withKey },
    { slug: "free-form", name: "Free form", endpoint: { method: "POST", url: `${vendor.url}/echo` } },
  ]) {
    const saved = await createTool(input);
    assert.equal(saved.errors, undefined, JSON.stringify(saved.errors));
  }
  // A limit of 1 cent: a charged refusal would leave nothing for the one valid call.
  main = await budget("main", 1);
  await allow(main.id, "issues", "unbound", "free-form", "open-meteo");
  await bind(main.id, "issues", CANARY);
});

after(async () => {
  await server?.stop();
  await vendor?.close();
});

describe("input schemas", () => {
  test("a custom tool's schema is checked when saved, with a clear field error", async () => {
    const base = { slug: "bad-schema", name: "Bad", endpoint: { method: "POST", url: `${vendor.url}/echo` } };
    for (const [inputSchema, message] of [
      ["{oops", "is not valid JSON"],
      ['{"type":"object","properties":{"a":{"type":"text"}}}', "/properties/a/type must be equal to one of the allowed values"],
      ['{"type":"string"}', 'must have "type": "object" (an input is a JSON object)'],
    ]) {
      const res = await createTool({ ...base, inputSchema });
      assert.equal(res.errors?.[0]?.extensions?.code, "BAD_USER_INPUT");
      assert.equal(res.errors?.[0]?.extensions?.fieldErrors?.inputSchema?.[0], message);
    }
    const { tool } = await alice.ok(`{ tool(slug: "open-meteo") { inputSchema } }`);
    assert.deepEqual(JSON.parse(tool.inputSchema).required, ["latitude", "longitude"], "built-in tools declare theirs");
  });

  test("each keyword family refuses its invalid input: no vendor call, no charge", async () => {
    const ok = { owner: "acme", repo: "widgets", title: "Broken" };
    const cases: [unknown, string, string][] = [
      [{ ...ok, title: 42 }, "input.title", "must be string"],
      [{ owner: "acme", repo: "widgets" }, "input.title", "is required"],
      [{ ...ok, labels: ["bug", "wontfix"] }, "input.labels.1", 'must be one of: "bug", "docs"'],
      [{ ...ok, owner: "Acme Corp" }, "input.owner", 'must match pattern "^[a-z0-9-]+$"'],
      [{ ...ok, count: 9 }, "input.count", "must be <= 5"],
      [{ ...ok, repo: "" }, "input.repo", "must NOT have fewer than 1 characters"],
      [{ ...ok, labels: ["bug", "docs", "bug"] }, "input.labels", "must NOT have more than 2 items"],
      [{ ...ok, extra: true }, "input.extra", "is not allowed"],
      [{ ...ok, email: "not-an-address" }, "input.email", 'must match format "email"'],
      [{ ...ok, owner: ".." }, "input.owner", 'must match pattern "^[a-z0-9-]+$"'],
    ];
    const hits = vendor.received.length;
    for (const [input, path, message] of cases) {
      const res = await invoke(main.key, "issues", input);
      assert.equal(res.status, 400, JSON.stringify(input));
      assert.equal(res.json!.error.code, "invalid_input");
      assert.ok(res.json!.error.fieldErrors[path]?.includes(message), `${JSON.stringify(input)}: ${JSON.stringify(res.json!.error.fieldErrors)}`);
    }
    // A built-in tool's schema applies too: refused before any network.
    const meteo = await invoke(main.key, "open-meteo", { latitude: 200 });
    assert.deepEqual(Object.keys(meteo.json!.error.fieldErrors).sort(), ["input.latitude", "input.longitude"]);
    assert.equal(vendor.received.length, hits, "the vendor was never called");

    // Nothing was charged: the budget's single cent pays for exactly one valid call.
    const paid = await invoke(main.key, "issues", { ...ok, page: 2, labels: ["bug"] });
    assert.equal(paid.status, 200, paid.text);
    const got = vendor.received.at(-1)!;
    assert.equal(got.path, "/repos/acme/widgets/issues", "path parameters filled");
    assert.deepEqual(got.query, { page: "2" }, "queryParams go to the query");
    assert.deepEqual(got.body, { title: "Broken", labels: ["bug"] }, "the rest goes to the body, path values not repeated");
    assert.equal(got.headers["x-api-key"], CANARY);
    assert.equal((await invoke(main.key, "issues", ok)).json!.error.code, "budget_exhausted");
  });

  test("path values are encoded into one segment: they cannot reach the host, the query or another path", async () => {
    const b = await budget("paths", null);
    const saved = await createTool({
      slug: "by-name",
      name: "By name",
      endpoint: { method: "GET", url: `${vendor.url}/things/{name}/detail` },
      inputSchema: JSON.stringify({ type: "object", properties: { name: { type: "string" } }, required: ["name"] }),
    });
    assert.equal(saved.errors, undefined);
    await allow(b.id, "by-name");
    for (const name of ["..", ".", ""]) {
      const hits = vendor.received.length;
      const res = await invoke(b.key, "by-name", { name });
      assert.deepEqual([res.status, Object.keys(res.json!.error.fieldErrors)], [400, ["input.name"]], JSON.stringify(name));
      assert.equal(vendor.received.length, hits);
    }
    for (const name of ["../../echo", "a/b?c=d#e", "%2e%2e", "@evil.test", "\\..\\x"]) {
      const res = await invoke(b.key, "by-name", { name });
      assert.equal(res.status, 200, name);
      const got = vendor.received.at(-1)!;
      assert.match(got.path, /^\/things\/[^/]+\/detail$/, name);
      assert.equal(decodeURIComponent(got.path.split("/")[2]!), name, "the vendor gets the value, whole");
      assert.deepEqual(got.query, {}, name);
    }
  });

  test("a tool without a schema accepts any JSON object, as before", async () => {
    const res = await invoke(main.key, "free-form", { anything: [1, { deep: true }] });
    assert.equal(res.status, 200);
    assert.deepEqual(vendor.received.at(-1)!.body, { anything: [1, { deep: true }] });
    assert.equal((await invoke(main.key, "free-form", [1, 2])).json!.error.code, "invalid_input", "but an object");
  });
});

describe("the key's tools", () => {
  test("GET /api/v1/tools lists what the key may call, with schema, cost and state", async () => {
    const res = await agentFetch("/api/v1/tools", main.key);
    assert.equal(res.status, 200);
    const bySlug = Object.fromEntries((res.json!.tools as any[]).map((t) => [t.slug, t]));
    assert.deepEqual(Object.keys(bySlug).sort(), ["free-form", "issues", "open-meteo", "unbound"]);
    assert.deepEqual(bySlug.issues.inputSchema, ISSUE_SCHEMA);
    assert.deepEqual([bySlug.issues.state, bySlug.issues.costCents, bySlug.issues.name], ["ready", 1, "Create an issue"]);
    assert.equal(bySlug.unbound.state, "missing_credential");
    assert.equal(bySlug.unbound.setupUrl, setupLink(main.id, "unbound"));
    assert.deepEqual(bySlug["free-form"].inputSchema, { type: "object" });
    assert.equal(bySlug["open-meteo"].state, "ready");
    assert.equal((await agentFetch("/api/v1/tools", null)).status, 401);
    assert.equal((await agentFetch("/api/v1/tools", "vl_live_unknown")).json!.error.code, "unauthorized");
    assert.equal((await agentFetch("/api/v1/tools", main.key, { method: "POST" })).status, 405);
  });

  test("GET /api/v1/openapi.json is valid OpenAPI 3.1 of exactly the key's invoke operations", async () => {
    const { Validator } = await import("@seriousme/openapi-schema-validator");
    const res = await agentFetch("/api/v1/openapi.json", main.key);
    assert.equal(res.status, 200);
    const doc = res.json!;
    const validator = new Validator();
    const result = await validator.validate(doc);
    assert.equal(result.valid, true, JSON.stringify(result.errors));
    assert.equal(validator.version, "3.1");
    assert.deepEqual(Object.keys(doc.paths).sort(), ["/api/v1/tools/free-form/invoke", "/api/v1/tools/issues/invoke", "/api/v1/tools/open-meteo/invoke", "/api/v1/tools/unbound/invoke"]);
    const op = doc.paths["/api/v1/tools/issues/invoke"].post;
    assert.deepEqual(op.requestBody.content["application/json"].schema.properties.input, ISSUE_SCHEMA);
    assert.ok(["200", "400", "401", "402", "424"].every((s) => s in op.responses));
    assert.equal(doc.servers[0].url, server.url);

    // A client driven by the document alone: its server, path and security scheme reach the tool.
    const url = `${doc.servers[0].url}${"/api/v1/tools/free-form/invoke"}`;
    assert.equal(doc.components.securitySchemes.budgetKey.scheme, "bearer");
    const call = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${main.key}`, "content-type": "application/json" }, body: JSON.stringify({ input: { q: 1 } }) });
    assert.equal(call.status, 200);
  });

  test("a client generated from the document by a maintained generator (@hey-api/openapi-ts) calls invoke", async () => {
    const { createClient } = await import("@hey-api/openapi-ts");
    const dir = await mkdtemp(path.join(tmpdir(), "vaultline-openapi-"));
    const g = await budget("generated", null);
    await allow(g.id, "issues");
    await bind(g.id, "issues", CANARY);
    try {
      const doc = await agentFetch("/api/v1/openapi.json", g.key);
      await writeFile(path.join(dir, "openapi.json"), doc.text);
      await createClient({ input: path.join(dir, "openapi.json"), output: path.join(dir, "client"), logs: { level: "silent", file: false } });
      // The generated TypeScript, as an application would import it (tsx compiles it here).
      const sdk = await import(pathToFileURL(path.join(dir, "client", "index.ts")).href);
      const { client } = await import(pathToFileURL(path.join(dir, "client", "client.gen.ts")).href);
      client.setConfig({ baseUrl: server.url, auth: () => g.key });

      const hits = vendor.received.length;
      const ok = await sdk.issues({ body: { input: { owner: "generated", repo: "client", title: "From OpenAPI" } } });
      received.push(JSON.stringify(ok.data ?? ok.error));
      assert.equal(ok.response.status, 200, JSON.stringify(ok.error));
      assert.equal(ok.data.body.path, "/repos/generated/client/issues");
      assert.equal(vendor.received.length, hits + 1);

      const refused = await sdk.issues({ body: { input: { owner: "generated" } } });
      assert.equal(refused.response.status, 400);
      assert.equal(refused.error.error.code, "invalid_input");
      assert.ok(refused.error.error.fieldErrors["input.title"]);
      assert.equal(vendor.received.length, hits + 1, "refused input: no vendor call");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("MCP at /mcp", () => {
  const connect = async (key: string, capabilities: ConstructorParameters<typeof Client>[1] = {}) => {
    const client = new Client({ name: "vaultline-test", version: "1.0.0" }, capabilities);
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${key}` } } });
    await client.connect(transport);
    return client;
  };

  test("the SDK's client lists the key's tools with their schemas and calls one through the same path as REST", async () => {
    const b = await budget("mcp", 2);
    await allow(b.id, "issues", "unbound");
    await bind(b.id, "issues", CANARY);
    const client = await connect(b.key);
    try {
      assert.equal(client.getServerVersion()?.name, "vaultline");
      const { tools } = await client.listTools();
      received.push(JSON.stringify(tools));
      const issues = tools.find((t) => t.name === "issues")!;
      assert.deepEqual(issues.inputSchema, ISSUE_SCHEMA);
      assert.match(issues.description!, /Costs 1 cent per call/);
      assert.ok(tools.find((t) => t.name === "unbound")!.description!.includes(`set it up at ${setupLink(b.id, "unbound")}`));

      const hits = vendor.received.length;
      const invalid = await client.callTool({ name: "issues", arguments: { owner: "acme" } });
      received.push(JSON.stringify(invalid));
      assert.equal(invalid.isError, true);
      assert.match((invalid.content as any)[0].text, /input\.repo is required; input\.title is required/);
      assert.equal(vendor.received.length, hits, "refused input: no vendor call");

      const result = await client.callTool({ name: "issues", arguments: { owner: "acme", repo: "gizmo", title: "Hi" } });
      received.push(JSON.stringify(result));
      assert.equal(result.isError, false);
      const answer = JSON.parse((result.content as any)[0].text);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.path, "/repos/acme/gizmo/issues", "the vendor's answer");
      assert.equal(vendor.received.at(-1)!.headers["x-api-key"], CANARY, "the credential was injected");
      assert.equal(JSON.stringify(answer).includes("[redacted]") || !JSON.stringify(answer).includes(CANARY), true);

      const missing = await client.callTool({ name: "unbound", arguments: {} });
      received.push(JSON.stringify(missing));
      assert.equal(missing.isError, true);
      assert.ok((missing.content as any)[0].text.includes(`Set it up at ${setupLink(b.id, "unbound")}, then call the tool again`));

      await assert.rejects(client.callTool({ name: "not-in-budget", arguments: {} }), /Unknown tool/);
      await client.ping();

      // The budget of 2 cents: one charged above, one left, then refused as REST would.
      assert.equal((await client.callTool({ name: "issues", arguments: { owner: "a", repo: "b", title: "c" } })).isError, false);
      const exhausted = await client.callTool({ name: "issues", arguments: { owner: "a", repo: "b", title: "c" } });
      assert.match((exhausted.content as any)[0].text, /budget_exhausted/);
    } finally {
      await client.close();
    }
  });

  test("the transport's rules: key, Origin, methods, versions, batches, notifications", async () => {
    const post = (body: unknown, headers: Record<string, string> = {}, key: string | null = main.key) =>
      agentFetch("/mcp", key, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers }, body: JSON.stringify(body) });
    const init = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } } };

    const ok = await post(init);
    assert.equal(ok.status, 200);
    assert.equal(ok.json!.result.protocolVersion, "2025-06-18", "a supported version is kept");
    assert.match(ok.headers.get("mcp-session-id") ?? "", /^[0-9a-f-]{36}$/, "a session id that holds nothing");
    assert.equal((await post({ ...init, params: { ...init.params, protocolVersion: "1999-01-01" } })).json!.result.protocolVersion, "2025-11-25");

    const noKey = await post(init, {}, null);
    assert.equal(noKey.status, 401);
    assert.match(noKey.headers.get("www-authenticate") ?? "", /^Bearer/);
    assert.equal((await post(init, {}, "vl_live_nope")).status, 401);
    assert.equal((await post(init, { origin: "https://evil.test" })).status, 403);
    assert.equal((await post(init, { origin: server.url })).status, 200);
    assert.equal((await agentFetch("/mcp", main.key, { method: "GET", headers: { accept: "application/json" } })).status, 406);
    assert.equal((await agentFetch("/mcp", null, { method: "GET", headers: { accept: "text/event-stream" } })).status, 401);
    assert.equal((await agentFetch("/mcp", main.key, { method: "DELETE" })).status, 405);
    assert.equal((await post(init, { "mcp-protocol-version": "1999-01-01" })).status, 400);

    assert.equal((await post({ jsonrpc: "2.0", method: "notifications/initialized" })).status, 202);
    const unknown = await post({ jsonrpc: "2.0", id: "x", method: "resources/list" });
    assert.deepEqual([unknown.json!.id, unknown.json!.error.code], ["x", -32601]);
    const parse = await agentFetch("/mcp", main.key, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    assert.deepEqual([parse.status, parse.json!.error.code], [400, -32700]);

    const batch = [{ jsonrpc: "2.0", id: 1, method: "ping" }, { jsonrpc: "2.0", id: 2, method: "tools/list" }];
    const refused = await post(batch, { "mcp-protocol-version": "2025-06-18" });
    assert.deepEqual([refused.status, refused.json!.error.code], [400, -32600], "no batches since 2025-06-18");
    const old = await post(batch, { "mcp-protocol-version": "2025-03-26" });
    assert.deepEqual((old.json as any[]).map((a) => a.id), [1, 2], "2025-03-26 allowed them");
  });

  test("tools/list_changed reaches a connected client when the key's tools change, and the list then shows it", async () => {
    const b = await budget("list-changed", null);
    await allow(b.id, "free-form");
    const client = await connect(b.key);
    let heard = 0;
    let wake = () => {};
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      heard++;
      wake();
    });
    const nextNotice = (what: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no tools/list_changed after ${what}`)), 10_000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    try {
      assert.equal(client.getServerCapabilities()?.tools?.listChanged, true);
      assert.deepEqual((await client.listTools()).tools.map((t) => t.name), ["free-form"]);
      // The client opens its stream after initialize: wait until the gateway holds it.
      await new Promise((r) => setTimeout(r, 500));

      let notice = nextNotice("a tool was added");
      await allow(b.id, "unbound");
      await notice;
      const listed = (await client.listTools()).tools;
      assert.deepEqual(listed.map((t) => t.name), ["free-form", "unbound"]);
      assert.match(listed[1]!.description!, /Not ready \(missing_credential\)/);

      notice = nextNotice("the missing credential was set up");
      await bind(b.id, "unbound", CANARY);
      await notice;
      assert.doesNotMatch((await client.listTools()).tools[1]!.description!, /Not ready/);
      const before = heard;
      await alice.ok(`mutation($b: ID!) { updateBudget(id: $b, input: { name: "renamed" }) { id } }`, { b: b.id });
      await new Promise((r) => setTimeout(r, 1_500));
      assert.equal(heard, before, "a change that leaves the list as it was says nothing");
    } finally {
      await client.close();
    }
  });

  test("the notification stream: a reconnecting client hears of a change it missed; a revoked key's stream ends", async () => {
    const b = await budget("stream", null);
    await allow(b.id, "free-form");
    const open = async (lastEventId?: string) => {
      const res = await fetch(`${server.url}/mcp`, {
        headers: { authorization: `Bearer ${b.key}`, accept: "text/event-stream", ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "text/event-stream");
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = "";
      /** The next event's fields (keep-alive comments skipped), or null once the stream has ended. */
      const next = async (): Promise<Record<string, string> | null> => {
        for (;;) {
          const end = buffered.indexOf("\n\n");
          if (end !== -1) {
            const block = buffered.slice(0, end);
            buffered = buffered.slice(end + 2);
            const fields = Object.fromEntries(block.split("\n").filter((l) => l && !l.startsWith(":")).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]));
            if (fields.id !== undefined) return fields;
            continue;
          }
          const { value, done } = await reader.read();
          if (done) return null;
          buffered += value;
        }
      };
      return { next, cancel: () => reader.cancel() };
    };

    const first = await open();
    const priming = (await first.next())!;
    assert.equal(priming.retry, "1000");
    assert.equal(priming.data, "", "a priming event: an id and no message");
    await first.cancel();

    const same = await open(priming.id);
    assert.equal((await same.next())!.data, "", "nothing missed");
    await same.cancel();

    await allow(b.id, "unbound"); // while no stream is open
    const back = await open(priming.id);
    const missed = (await back.next())!;
    assert.deepEqual(JSON.parse(missed.data!), { jsonrpc: "2.0", method: "notifications/tools/list_changed" });
    assert.notEqual(missed.id, priming.id);

    const { budget: keys } = await alice.ok(`query($b: ID!) { budget(id: $b) { keys { id } } }`, { b: b.id });
    await alice.ok(`mutation($k: ID!) { revokeBudgetKey(id: $k) { id } }`, { k: keys.keys[0].id });
    assert.equal(await back.next(), null, "the revoked key's stream is ended");
    assert.equal((await fetch(`${server.url}/mcp`, { headers: { authorization: `Bearer ${b.key}`, accept: "text/event-stream" } })).status, 401);
  });

  test("a client that declares URL-mode elicitation gets the setup link as one (-32042); others get an error result", async () => {
    const b = await budget("elicit", null);
    await allow(b.id, "unbound");
    const client = await connect(b.key, { capabilities: { elicitation: { url: {} } } });
    try {
      const error = await client.callTool({ name: "unbound", arguments: {} }).then(
        () => null,
        (e: unknown) => e,
      );
      assert.ok(error instanceof UrlElicitationRequiredError, String(error));
      const [elicitation] = error.elicitations;
      assert.equal(elicitation!.mode, "url");
      assert.equal(elicitation!.url, setupLink(b.id, "unbound"));
      assert.match(elicitation!.message, /has no credential for this budget yet/);
      assert.match(elicitation!.elicitationId, /^[0-9a-f-]{36}$/);
      received.push(JSON.stringify(error.data));
    } finally {
      await client.close();
    }
    // The same tool, for a client without it: the link in an error result's text (the test above).
    const plain = await connect(b.key);
    try {
      const result = await plain.callTool({ name: "unbound", arguments: {} });
      assert.equal(result.isError, true);
    } finally {
      await plain.close();
    }
  });

  test("the canary secret appears in no answer an agent received", () => {
    const all = received.join("\n");
    assert.ok(all.length > 1000);
    for (const form of [CANARY, encodeURIComponent(CANARY), Buffer.from(CANARY).toString("base64")]) assert.equal(all.includes(form), false);
  });
});
