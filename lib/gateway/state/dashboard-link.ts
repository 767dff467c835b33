// The link between a gateway and the dashboard process it starts. `npm start` is one command and one
// port, but two processes: the gateway (processes/app.ts) serves the agent routes itself and forwards
// every other request to Next.js, which runs in a child process (processes/dashboard.ts) on a private
// Unix socket.
//
// Why not one process: Next.js patches process-wide functions (process.nextTick, setImmediate, Date,
// crypto.randomUUID) and runs AsyncLocalStorage, which turns async hooks on for everything in the process.
// In A/B runs of `npm run bench -- --gateway-alone`, the same gateway code cost 20 to 70 µs more CPU per
// agent call inside Next.js's process than alone (274 against 211 µs in the steadiest run), up to a fifth
// of its time. The dashboard pays one local hop instead, which it does not notice.
//
// The services that change what warm calls depend on run in the child; every change they make
// (lib/changes/changes.ts) comes to the gateway over the IPC channel, as a typed message, before the
// service answers.
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Duplex } from "node:stream";
import { z } from "zod";
import { WATCHED_MODELS, deliverChange, onChange } from "@/lib/changes/changes";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { clientAddress, trustedProxies, type TTrustedProxies } from "@/lib/net/trusted-proxies";

/** Everything the dashboard process says to its gateway. */
const ZDashboardMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("vaultline:dashboard-ready") }),
  z.object({
    type: z.literal("vaultline:changed"),
    change: z.object({ model: z.enum(WATCHED_MODELS), budgetIds: z.union([z.array(z.string()), z.literal("all")]) }),
  }),
]);
type TDashboardMessage = z.infer<typeof ZDashboardMessage>;

/** In the dashboard process: every change made here goes on to the gateway that started this process. */
export function passChangesToGateway(): void {
  onChange((change) => {
    const message: TDashboardMessage = { type: "vaultline:changed", change };
    if (process.connected) process.send!(message);
  });
}

/** In the dashboard process: tells the gateway it serves. */
export function tellGatewayReady(): void {
  const message: TDashboardMessage = { type: "vaultline:dashboard-ready" };
  process.send!(message);
}

const READY_TIMEOUT_MS = 180_000;
// Headers about one connection, not the message: each hop sets its own.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);

export type TDashboardProcess = {
  forward: (req: IncomingMessage, res: ServerResponse) => void;
  forwardUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** The child is running and its channel open. */
  ready: () => boolean;
  stop: () => Promise<void>;
};

/** Starts Next.js in its child process and resolves once it serves; the changes it makes reach this process's listeners. */
export async function startDashboardProcess(options: { dev: boolean }): Promise<TDashboardProcess> {
  // A private directory: only this user can connect to the socket.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vaultline-"));
  const socketPath = path.join(dir, "dashboard.sock");
  // The child is TypeScript too: it runs under the loader this process runs under. tsx starts node with
  // its loader in the execArgv (`--require …/preflight.cjs --import …/loader.mjs`), and passing them on
  // is how the child gets it; this is the one place that says so.
  const child = fork(path.resolve(__dirname, "../../../processes/dashboard.ts"), [socketPath, ...(options.dev ? ["--dev"] : [])], {
    execArgv: process.execArgv,
  });
  let stopping = false;
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the dashboard did not start in time")), READY_TIMEOUT_MS);
    child.once("exit", (code) => reject(new Error(`the dashboard exited at start (code ${code})`)));
    child.on("message", (raw: unknown) => {
      const parsed = ZDashboardMessage.safeParse(raw);
      if (!parsed.success) return logger.error("the dashboard process sent a message this gateway does not know");
      const message = parsed.data;
      switch (message.type) {
        case "vaultline:dashboard-ready":
          clearTimeout(timer);
          return resolve();
        case "vaultline:changed":
          return deliverChange(message.change);
        default:
          return message satisfies never;
      }
    });
  }).catch((error: unknown) => {
    child.kill("SIGKILL");
    cleanup();
    throw error;
  });

  child.on("exit", (code, signal) => {
    cleanup();
    if (stopping) return;
    // Half a server is worse than none: a supervisor restarts the whole thing.
    logger.fatal({ code, signal }, "the dashboard process exited; stopping");
    process.exit(1);
  });

  return {
    forward: forwardTo(socketPath),
    forwardUpgrade: (req, socket, head) => forwardUpgrade(socketPath, trustedProxies(env().VAULTLINE_TRUSTED_PROXIES), req, socket, head),
    ready: () => child.connected && child.exitCode === null,
    stop: () => stop(child, () => (stopping = true)),
  };
}

/** Forwards a request to the dashboard process listening on `socketPath` (exported for its header test). */
export function forwardTo(socketPath: string, trusted: TTrustedProxies = trustedProxies(env().VAULTLINE_TRUSTED_PROXIES)) {
  return (req: IncomingMessage, res: ServerResponse) => forward(socketPath, trusted, req, res);
}

function forward(socketPath: string, trusted: TTrustedProxies, req: IncomingMessage, res: ServerResponse): void {
  const upstream = http.request(
    { socketPath, method: req.method, path: req.url, headers: forwardedHeaders(req, trusted) },
    (answer) => {
      const raw = endToEnd(answer.rawHeaders);
      // Headers the gateway set already (HSTS) join the answer's: writeHead would let them replace
      // same-named ones of the list (two Set-Cookie become one) rather than add to it.
      for (const name of res.getHeaderNames()) {
        raw.push(name, String(res.getHeader(name)));
        res.removeHeader(name);
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, raw);
      answer.pipe(res);
    },
  );
  upstream.on("error", (error) => {
    if (res.destroyed) return; // the client went away first, and this request was stopped for it
    logger.error({ err: error }, "could not reach the dashboard process");
    // Half an answer cannot be mended: the client sees the connection end instead.
    if (res.headersSent) return void res.destroy();
    res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
    res.end("The dashboard is not available.");
  });
  // A client that goes away (a closed tab, a cancelled stream) stops the work behind it too.
  res.on("close", () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

/** WebSocket upgrades (Next.js's hot reload in development): the two sockets, joined. */
function forwardUpgrade(socketPath: string, trusted: TTrustedProxies, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const upstream = net.connect(socketPath, () => {
    const lines: string[] = [];
    const raw = forwardedHeaders(req, trusted, { upgrade: true });
    for (let i = 0; i < raw.length; i += 2) lines.push(`${raw[i]}: ${raw[i + 1]}`);
    upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`);
    upstream.write(head);
    socket.pipe(upstream).pipe(socket);
  });
  upstream.on("error", () => socket.destroy());
  socket.on("error", () => upstream.destroy());
}

/** An answer's raw headers without the hop-by-hop ones. */
function endToEnd(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!HOP_BY_HOP.has(raw[i]!.toLowerCase())) out.push(raw[i]!, raw[i + 1]!);
  return out;
}

// What a client may say about where it is and which host it asked for, believed only from a trusted proxy.
const FORWARDING = new Set(["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-real-ip"]);
const FROM_TRUSTED_PROXY = new Set(["x-forwarded-host", "x-forwarded-proto"]);

/**
 * The raw headers ([name, value, name, value, ...]) the dashboard gets: without the hop-by-hop ones (but for
 * an upgrade) and the
 * client's forwarding claims, and with X-Forwarded-For holding only the client's address as this gateway
 * sees it (lib/net/trusted-proxies.ts), which is what the dashboard reads as the client's address.
 */
export function forwardedHeaders(req: IncomingMessage, trusted: TTrustedProxies, options: { upgrade?: boolean } = {}): string[] {
  const raw = req.rawHeaders;
  const fromProxy = trusted.any && trusted.has(req.socket.remoteAddress ?? "");
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name) && !options.upgrade) continue; // an upgrade's Connection and Upgrade are its point
    if (FORWARDING.has(name) && !(fromProxy && FROM_TRUSTED_PROXY.has(name))) continue;
    out.push(raw[i]!, raw[i + 1]!);
  }
  out.push("x-forwarded-for", clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted));
  return out;
}

function stop(child: ChildProcess, markStopping: () => void): Promise<void> {
  markStopping();
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
