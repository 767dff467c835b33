// CPU time from /proc, for the benchmark's "CPU per request" columns. On a 2-core machine every process
// (load generator, stub, server, database) shares the cores, so latency and throughput move with what
// the whole machine does; CPU time per request says which process costs what, and is steadier.
import fs from "node:fs";

const TICK_US = 1_000_000 / 100; // USER_HZ is 100 on Linux

/** user + system CPU time of these processes, in microseconds (processes gone meanwhile count 0). */
export function processCpuUs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime and stime (fields 14 and 15)
    } catch {
      // exited
    }
  }
  return ticks * TICK_US;
}

/** Busy CPU time of the whole machine (every core, everything but idle and iowait), in microseconds. */
export function machineCpuUs(): number {
  const [, user, nice, system, , , irq, softirq, steal] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) * TICK_US;
}

/** Every process in a process group (tsx runs node as its child, in the group the bench created). */
export function processGroup(pgid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[2]) === pgid;
      } catch {
        return false;
      }
    });
}

/** The process listening on a loopback TCP port (the local database), or null if it is not ours to see. */
export function listenerPid(port: number): number | null {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    try {
      for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
        const cols = line.trim().split(/\s+/);
        // local address "0100007F:6CE1", state 0A = LISTEN, inode in column 10
        if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === "0A") inodes.add(cols[9]!);
      }
    } catch {
      // no IPv6
    }
  }
  if (inodes.size === 0) return null;
  for (const name of fs.readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      for (const fd of fs.readdirSync(`/proc/${name}/fd`)) {
        const target = fs.readlinkSync(`/proc/${name}/fd/${fd}`);
        if (target.startsWith("socket:[") && inodes.has(target.slice(8, -1))) return Number(name);
      }
    } catch {
      // not ours, or gone
    }
  }
  return null;
}
