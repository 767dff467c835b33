// Starts the real production server (processes/app.ts on the `next build` output) on a free port against the
// calling test file's database, and captures everything it logs.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export type TAppServer = {
  url: string;
  /** The process started (tsx, which runs the server as its child). */
  pid: number;
  output: () => string;
  /** Resolves with the exit code once the server has exited, by itself or stopped. */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startAppServer(extraEnv: Record<string, string> = {}): Promise<TAppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const chunks: string[] = [];
  const child: ChildProcess = spawn("node_modules/.bin/tsx", ["processes/app.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), APP_URL: url, NEXTAUTH_URL: url, LOG_LEVEL: "info", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => chunks.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => chunks.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited at start:\n${chunks.join("")}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not answer within 60 s:\n${chunks.join("")}`);
    }
    try {
      const res = await fetch(`${url}/sign-in`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    output: () => chunks.join(""),
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
