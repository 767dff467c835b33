// `npm run bench:data`: does the product stay fast as data grows? Against a fresh database on the
// configured server (the local FerretDB by default), seeded through the services' own write paths in
// bulk: 500 budgets (each with a tool and a bound credential), 2,000 credentials, 400,000 usage records
// (the gateway recorder's store, spread over the last 7 days). Then, against the production server
// (`npm run build` first): every dashboard page and every GraphQL list, p50 and p99 of sequential
// requests; and agent calls' p99 alone and while a person browses the dashboard.
//
// Flags: --budgets N (500) --credentials N (2000) --usage N (400000) --samples N (20 per page or query)
//        --agent-seconds S (10: each of the two agent phases)
// Output: progress on stderr, a table on stdout and a JSON line last. The database is dropped at the end.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";
import { MongoClient } from "mongodb";

const ROOT = path.resolve(__dirname, "..");
const log = (msg: string) => process.stderr.write(`[bench:data] ${msg}\n`);

const { values: flags } = parseArgs({
  options: {
    budgets: { type: "string", default: "500" },
    credentials: { type: "string", default: "2000" },
    usage: { type: "string", default: "400000" },
    samples: { type: "string", default: "20" },
    "agent-seconds": { type: "string", default: "10" },
  },
});
const BUDGETS = Number(flags.budgets);
const CREDENTIALS = Number(flags.credentials);
const USAGE = Number(flags.usage);
const SAMPLES = Number(flags.samples);
const AGENT_MS = Number(flags["agent-seconds"]) * 1000;

// A database of this run's own, set before anything reads the configuration (lib/env.ts reads lazily).
loadEnvConfig(ROOT, false, { info: () => {}, error: console.error });
if (!process.env.MONGODB_URI) throw new Error("MONGODB_URI is not set (run `npm run setup`)");
const DB_NAME = `vl_bench_data_${randomBytes(4).toString("hex")}`;
const uri = new URL(process.env.MONGODB_URI);
uri.pathname = `/${DB_NAME}`;
process.env.MONGODB_URI = uri.toString();
process.env.CSFLE_KEY_VAULT_NAMESPACE = `${DB_NAME}.__keyVault`;
process.env.VAULTLINE_ALLOW_PRIVATE_HOSTS = "1";
process.env.LOG_LEVEL = "warn";

const EMAIL = "bench-data@example.com";
const PASSWORD = "bench data passphrase";

type TStats = { p50: number; p99: number; n: number };

function stats(samples: number[]): TStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: Math.round(at(0.5) * 10) / 10, p99: Math.round(at(0.99) * 10) / 10, n: sorted.length };
}

async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += size) out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => make(i + j)))));
  return out;
}

async function seed(vendorUrl: string) {
  const { connectDb, disconnectDb } = await import("@/lib/db/connection");
  const { ensureIndexes } = await import("@/lib/db/ensure-indexes");
  const { createUser } = await import("@/lib/services/users/users.service");
  const { seedBuiltinTools, createTool } = await import("@/lib/services/tools/tools.service");
  const { createCredential } = await import("@/lib/services/credentials/credentials.service");
  const { createBudget, addToolToBudget } = await import("@/lib/services/budgets/budgets.service");
  const { bindCredential } = await import("@/lib/services/bindings/bindings.service");
  const { createBudgetKey } = await import("@/lib/services/budget-keys/budget-keys.service");
  const { createAccessToken } = await import("@/lib/services/tokens/access-tokens.service");
  const { prepareUsageWrite, storeUsage } = await import("@/lib/services/usage/usage-store");
  type TActor = import("@/lib/services/actor").TActor;

  await connectDb();
  await ensureIndexes();
  await seedBuiltinTools();
  const user = await createUser({ email: EMAIL, password: PASSWORD });
  const actor: TActor = { kind: "user", userId: user._id.toString() };
  await createTool(actor, { slug: "bench-echo", name: "Bench echo", endpoint: { method: "POST", url: `${vendorUrl}/echo` }, costCents: 1, credentialFields: [], injection: [] });

  let t = performance.now();
  const credentials = await inBatches(CREDENTIALS, 25, (i) =>
    createCredential(actor, { toolSlug: "openai-chat", name: `bench key ${i}`, fields: [{ key: "apiKey", value: `sk-benchdata${String(i).padStart(20, "0")}` }] }),
  );
  log(`${CREDENTIALS} credentials in ${Math.round((performance.now() - t) / 1000)} s`);

  t = performance.now();
  const budgets = await inBatches(BUDGETS, 10, async (i) => {
    const budget = await createBudget(actor, { name: `bench budget ${i}`, limitCents: null });
    await addToolToBudget(actor, budget._id.toString(), "bench-echo");
    await addToolToBudget(actor, budget._id.toString(), "openai-chat");
    await bindCredential(actor, { budgetId: budget._id.toString(), toolSlug: "openai-chat", credentialId: credentials[i % credentials.length]!._id.toString() });
    return budget;
  });
  log(`${BUDGETS} budgets with tools and bindings in ${Math.round((performance.now() - t) / 1000)} s`);
  const { key } = await createBudgetKey(actor, budgets[0]!._id.toString(), "bench agent");
  const { token } = await createAccessToken(actor, "bench");

  // Usage: each budget's calls in bursts of 20 (a bucket each, as the recorder writes a busy second),
  // at random minutes of the last 7 days; written in bulk through the recorder's store.
  t = performance.now();
  const perBudget = Math.ceil(USAGE / budgets.length);
  const now = Date.now();
  let written = 0;
  for (let b = 0; b < budgets.length; b += 25) {
    const batch = budgets.slice(b, b + 25).map((budget) => {
      const times: number[] = [];
      for (let burst = 0; times.length < perBudget; burst++) {
        const start = now - 60_000 - Math.floor(Math.random() * 7 * 86_400_000);
        for (let i = 0; i < 20 && times.length < perBudget; i++) times.push(start + i * 50);
      }
      times.sort((x, y) => x - y);
      const failed = (i: number) => i % 50 === 0;
      return {
        ownerId: user._id,
        budgetId: budget._id.toString(),
        calls: {
          at: times,
          tool: times.map((_, i) => (i % 3 ? "bench-echo" : "openai-chat")),
          status: times.map((_, i) => (failed(i) ? 504 : 200)),
          vendorStatus: times.map((_, i) => (failed(i) ? null : 200)),
          errorCode: times.map((_, i) => (failed(i) ? "vendor_timeout" : null)),
          latencyMs: times.map(() => 3 + Math.random() * 20),
          costCents: times.map(() => 1),
          requestId: times.map(() => randomBytes(8).toString("hex")),
        },
      };
    });
    await storeUsage(prepareUsageWrite(batch));
    written += batch.reduce((n, x) => n + x.calls.at.length, 0);
    if ((b / 25) % 4 === 0) log(`usage: ${written} records`);
  }
  log(`${written} usage records in ${Math.round((performance.now() - t) / 1000)} s`);
  await disconnectDb();
  return { key, token, budgetId: budgets[0]!._id.toString(), credentialId: credentials[0]!._id.toString(), usage: written };
}

function startChild(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const fd = fs.openSync(logFile, "a");
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", fd, fd], detached: true });
  fs.closeSync(fd);
  return child;
}

async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A dashboard session through next-auth's API (CSRF token, then the credentials callback). */
async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email: EMAIL, password: PASSWORD, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).filter((c) => c!.includes("session-token"));
  if (!session.length) throw new Error(`sign-in failed (${res.status})`);
  return [...cookies, ...session].join("; ");
}

async function timed(n: number, run: () => Promise<void>): Promise<TStats> {
  const samples: number[] = [];
  await run(); // warm
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return stats(samples);
}

async function main() {
  const logFile = path.join(os.tmpdir(), `${DB_NAME}.log`);
  const children: ChildProcess[] = [];
  const stopAll = () => {
    for (const child of children) {
      try {
        if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
      } catch {
        // gone already
      }
    }
  };
  process.once("SIGINT", () => {
    stopAll();
    process.exit(130);
  });
  try {
    const vendorPort = await freePort();
    const vendor = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => vendor.listen(vendorPort, "127.0.0.1", r));
    vendor.unref();
    const seeded = await seed(`http://127.0.0.1:${vendorPort}`);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    children.push(
      startChild(path.join(ROOT, "node_modules/.bin/tsx"), ["processes/app.ts"], { ...process.env, NODE_ENV: "production", PORT: String(port), APP_URL: base, NEXTAUTH_URL: base }, logFile),
    );
    await waitFor("the server", async () => (await fetch(`${base}/readyz`)).ok);
    log(`server on ${base} (log ${logFile})`);
    const cookie = await signIn(base);

    const page = (p: string) => async () => {
      const res = await fetch(`${base}${p}`, { headers: { cookie } });
      const html = await res.text();
      if (res.status !== 200) throw new Error(`${p}: ${res.status}`);
      sizes.set(p, html.length);
    };
    const sizes = new Map<string, number>();
    const gql = (query: string, variables: Record<string, unknown> = {}) => async () => {
      const res = await fetch(`${base}/api/graphql`, { method: "POST", headers: { authorization: `Bearer ${seeded.token}`, "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
    };
    // Cursors of a second page, to measure later pages too.
    const cursors = await (async () => {
      const res = await fetch(`${base}/api/graphql`, {
        method: "POST",
        headers: { authorization: `Bearer ${seeded.token}`, "content-type": "application/json" },
        body: JSON.stringify({ query: `query($b: ID!) { budgetConnection(first: 50) { pageInfo { endCursor } } credentialConnection(first: 50) { pageInfo { endCursor } } budget(id: $b) { calls(first: 20) { pageInfo { endCursor } } } }`, variables: { b: seeded.budgetId } }),
      });
      type TCursor = { pageInfo: { endCursor: string } };
      const { data } = (await res.json()) as { data: { budgetConnection: TCursor; credentialConnection: TCursor; budget: { calls: TCursor } } };
      return { budgets: data.budgetConnection.pageInfo.endCursor, credentials: data.credentialConnection.pageInfo.endCursor, calls: data.budget.calls.pageInfo.endCursor };
    })();

    const pages: [string, string][] = [
      ["/budgets", "/budgets"],
      ["/budgets (page 2)", `/budgets?after=${cursors.budgets}`],
      ["/budgets/[id]", `/budgets/${seeded.budgetId}`],
      ["/budgets/[id] (calls page 2)", `/budgets/${seeded.budgetId}?calls=${cursors.calls}`],
      ["/credentials", "/credentials"],
      ["/credentials (page 2)", `/credentials?after=${cursors.credentials}`],
      ["/credentials/[id]", `/credentials/${seeded.credentialId}`],
      ["/tools", "/tools"],
      ["/warnings", "/warnings"],
      ["/settings/tokens", "/settings/tokens"],
    ];
    const queries: [string, string, Record<string, unknown>][] = [
      ["budgetConnection(first: 50) with tools, bindings, keys", "{ budgetConnection(first: 50) { totalCount nodes { id name spentCents tools { slug } bindings { id credential { id name } } keys { id } } pageInfo { endCursor } } }", {}],
      ["credentialConnection(first: 50) with fields, tool, budgets", "{ credentialConnection(first: 50) { totalCount nodes { id name fields { key masked hint } tool { slug } budgets { id } } } }", {}],
      ["budget.calls(first: 20)", "query($b: ID!) { budget(id: $b) { calls(first: 20) { totalCount nodes { requestId toolSlug status at } } } }", { b: seeded.budgetId }],
      ["budget.calls(first: 100, after)", "query($b: ID!, $a: String) { budget(id: $b) { calls(first: 100, after: $a) { nodes { requestId } } } }", { b: seeded.budgetId, a: cursors.calls }],
      ["budgetConnection(first: 20) each with calls(first: 5)", "{ budgetConnection(first: 20) { nodes { id calls(first: 5) { nodes { requestId at } } } } }", {}],
      ["budget.usageSummary (30 days)", "query($b: ID!) { budget(id: $b) { usageSummary { totals { calls costCents } byTool { toolSlug calls } byDay { day calls } } } }", { b: seeded.budgetId }],
      ["warnings", "{ warnings { setupUrl budget { id } tool { slug } } }", {}],
      ["tools", "{ tools { slug name } }", {}],
      ["accessTokens", "{ accessTokens { id name } }", {}],
      [`budgets (unpaged, ${BUDGETS}) { id }`, "{ budgets { id } }", {}],
      [`credentials (unpaged, ${CREDENTIALS}) { id }`, "{ credentials { id } }", {}],
    ];

    const pageStats: Record<string, TStats & { kb: number }> = {};
    for (const [name, p] of pages) {
      const s = await timed(SAMPLES, page(p));
      pageStats[name] = { ...s, kb: Math.round((sizes.get(p) ?? 0) / 1024) };
      log(`page ${name}: p50 ${s.p50} ms, p99 ${s.p99} ms`);
    }
    const queryStats: Record<string, TStats> = {};
    for (const [name, q, v] of queries) {
      queryStats[name] = await timed(SAMPLES, gql(q, v));
      log(`graphql ${name}: p50 ${queryStats[name]!.p50} ms, p99 ${queryStats[name]!.p99} ms`);
    }

    // Agent calls: 8 concurrent agents, alone, then while a person browses every page in turn.
    const agents = async (ms: number) => {
      const samples: number[] = [];
      const end = Date.now() + ms;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (Date.now() < end) {
            const started = performance.now();
            const res = await fetch(`${base}/api/v1/tools/bench-echo/invoke`, { method: "POST", headers: { authorization: `Bearer ${seeded.key}` }, body: "{}" });
            await res.arrayBuffer();
            if (res.status !== 200) throw new Error(`agent call: ${res.status}`);
            samples.push(performance.now() - started);
          }
        }),
      );
      return stats(samples);
    };
    await agents(2_000); // warm
    const alone = await agents(AGENT_MS);
    let browsing = true;
    const browser = (async () => {
      while (browsing) for (const [, p] of pages) if (browsing) await page(p)();
    })();
    const whileBrowsing = await agents(AGENT_MS);
    browsing = false;
    await browser;

    const ratio = Math.round((whileBrowsing.p99 / alone.p99) * 100) / 100;
    const row = (name: string, s: TStats, extra = "") => `| ${name} | ${s.p50} | ${s.p99} |${extra}`;
    const lines = [
      `Seeded: ${BUDGETS} budgets, ${CREDENTIALS} credentials, ${seeded.usage} usage records (database ${DB_NAME})`,
      "",
      "| Dashboard page | p50 ms | p99 ms | HTML KiB |",
      "|---|---|---|---|",
      ...Object.entries(pageStats).map(([n, s]) => row(n, s, ` ${s.kb} |`)),
      "",
      "| GraphQL query | p50 ms | p99 ms |",
      "|---|---|---|",
      ...Object.entries(queryStats).map(([n, s]) => row(n, s)),
      "",
      "| Agent calls (8 concurrent) | p50 ms | p99 ms | calls |",
      "|---|---|---|---|",
      row("alone", alone, ` ${alone.n} |`),
      row("while a person browses", whileBrowsing, ` ${whileBrowsing.n} |`),
      "",
      `agent p99 while browsing / alone: ${ratio}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    process.stdout.write(`${JSON.stringify({ pages: pageStats, graphql: queryStats, agents: { alone, whileBrowsing, ratio } })}\n`);
  } finally {
    stopAll();
    const client = await MongoClient.connect(process.env.MONGODB_URI!).catch(() => null);
    await client?.db().dropDatabase().catch(() => undefined);
    await client?.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
