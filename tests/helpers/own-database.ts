// A local database server of the test's own, which the test may kill and start again (the suite's shared
// one must stay up for every other file): the FerretDB launcher that setup builds, on a free port, with its
// data in a temporary folder that survives restarts and is removed at the end.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/tests/helpers/app-server";

export const LAUNCHER = path.resolve(".data/bin/ferretdb-launcher");

export type TOwnDatabase = {
  uri: string;
  /** Kills the server outright, as a crash or a lost machine would. */
  kill: () => Promise<void>;
  /** Starts it again on the same port and data, and waits until it accepts connections. */
  start: () => Promise<void>;
  remove: () => Promise<void>;
};

export async function startOwnDatabase(dbName: string): Promise<TOwnDatabase> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vl-own-db-"));
  let child: ChildProcess | null = null;

  const start = async () => {
    child = spawn(LAUNCHER, ["-listen", `127.0.0.1:${port}`, "-data", dataDir], { stdio: "ignore" });
    const deadline = Date.now() + 30_000;
    while (!(await accepts(port))) {
      if (Date.now() > deadline) throw new Error("the test's own database did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((r) => running.once("exit", r));
    running.kill("SIGKILL");
    await exited;
  };
  await start();
  return {
    uri: `mongodb://127.0.0.1:${port}/${dbName}`,
    kill,
    start,
    remove: async () => {
      await kill();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
