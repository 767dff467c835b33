// `npm start` is two processes behind one port (lib/gateway/state/dashboard-link.ts): the gateway, and
// Next.js in its child. Neither may outlive the other: half a server would look alive to a supervisor.
import "@/tests/helpers/test-env";
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { startAppServer } from "@/tests/helpers/app-server";
import { useTestDatabase } from "@/tests/helpers/database";

useTestDatabase();

/** The server's dashboard process, and its parent: the gateway (both descend from the process started). */
function processes(started: number): { dashboard: number; gateway: number } {
  const parentOf = new Map<number, number>();
  for (const name of fs.readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      parentOf.set(Number(name), Number(fs.readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1]!.split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const descends = (pid: number): boolean => pid === started || (parentOf.has(pid) && pid > 1 && descends(parentOf.get(pid)!));
  for (const [pid, parent] of parentOf) {
    try {
      if (descends(pid) && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("processes/dashboard.ts")) return { dashboard: pid, gateway: parent };
    } catch {
      // gone meanwhile
    }
  }
  throw new Error("no dashboard process");
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid: number, ms = 10_000): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(100)) if (!alive(pid)) return true;
  return false;
}

test("both serve one port: the agent route in the gateway, the rest forwarded to Next.js with its cookies", async () => {
  const server = await startAppServer();
  try {
    const { dashboard, gateway } = processes(server.pid);
    assert.notEqual(dashboard, gateway);
    const agent = await fetch(`${server.url}/api/v1/tools/open-meteo/invoke`, { method: "POST" });
    assert.deepEqual([agent.status, ((await agent.json()) as { error: { code: string } }).error.code], [401, "unauthorized"]);
    // next-auth's answer, through the forwarding: its cookie, and a body framed once (the dashboard's own
    // framing headers stay on its hop).
    const csrf = await fetch(`${server.url}/api/auth/csrf`);
    assert.equal(csrf.status, 200);
    assert.match(((await csrf.json()) as { csrfToken: string }).csrfToken, /^[0-9a-f]{32,}$/);
    assert.ok(csrf.headers.getSetCookie().some((c) => c.startsWith("next-auth.csrf-token=")));
  } finally {
    await server.stop();
  }
});

test("the gateway stops when its dashboard process dies, with an error for the supervisor", async () => {
  const server = await startAppServer();
  const { dashboard } = processes(server.pid);
  process.kill(dashboard, "SIGKILL");
  assert.equal(await server.exited, 1);
  assert.match(server.output(), /the dashboard process exited; stopping/);
});

test("the dashboard process stops when its gateway dies", async () => {
  const server = await startAppServer();
  const { dashboard, gateway } = processes(server.pid);
  process.kill(gateway, "SIGKILL");
  assert.ok(await gone(dashboard), "the dashboard process outlived its gateway");
  await server.stop();
});
