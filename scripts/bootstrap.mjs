#!/usr/bin/env node
// Vaultline bootstrap: `setup`, `start`, `dev`, `test`, `db-stop`.
//
// Runs before node_modules exists (it is what installs them), so it uses Node built-ins only.
// Every step checks first and prints one line: "✓ ..." when nothing had to be done, "… ..." when it acts,
// so a second run is fast and quiet.
//
// Configuration precedence (highest first): real process.env > lines the user writes in .env.local outside
// the managed block > the managed block (values this script generates) > nothing.

import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = path.join(ROOT, '.data');
const ENV_FILE = path.join(ROOT, '.env.local');
const MASTER_KEY_FILE = path.join(DATA_DIR, 'local-master-key');
const DB_PID_FILE = path.join(DATA_DIR, 'db.pid');
const DB_LOG_FILE = path.join(DATA_DIR, 'db.log');
const LAUNCHER_SRC = path.join(ROOT, 'tools', 'ferretdb-launcher');
const LAUNCHER_BIN = path.join(DATA_DIR, 'bin', 'ferretdb-launcher');
const NPM_STAMP = path.join(ROOT, 'node_modules', '.vaultline-lock-sha256');
const CSFLE_ADDON = path.join(ROOT, 'node_modules', 'mongodb-client-encryption', 'build', 'Release', 'mongocrypt.node');

const BLOCK_BEGIN = '# >>> managed by scripts/bootstrap.mjs >>>';
const BLOCK_END = '# <<< managed by scripts/bootstrap.mjs <<<';
const DEFAULT_DB_PORT = 27817;
const DB_READY_TIMEOUT_MS = 60_000;
const MASTER_KEY_BYTES = 96; // what the driver's `local` KMS provider requires

// The addon (mongodb-client-encryption 6.0.0) must link Debian's libmongocrypt and needs this define to
// compile against Node 20's headers (ARCHITECTURE.md, "Data at rest", says why this addon and library).
const CSFLE_BUILD_ENV = { BUILD_TYPE: 'dynamic', CXXFLAGS: '-DNODE_API_EXPERIMENTAL_NOGC_ENV_OPT_OUT' };

// ───────────────────────────── output ─────────────────────────────

const ok = (msg) => console.log(`✓ ${msg}`);
const doing = (msg) => console.log(`… ${msg}`);
const warn = (msg) => console.warn(`! ${msg}`);

/** An expected failure: printed without a stack trace. */
export class SetupError extends Error {}

// ───────────────────────────── small helpers ─────────────────────────────

const isSet = (v) => v !== undefined && v !== null && v !== '';
const exists = (p) => fs.existsSync(p);
const mtimeMs = (p) => {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0;
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sha256File = (p) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

/** Finds an executable on PATH (plus extra dirs), like `which`. */
function which(cmd, extraDirs = []) {
  const dirs = [...(process.env.PATH || '').split(path.delimiter), ...extraDirs];
  for (const dir of dirs) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {}
  }
  return null;
}

/** The child currently running in the foreground, so signals can be forwarded to it. */
let foreground = null;

/** Runs a command with inherited stdio; resolves with its exit code (128+n when killed by a signal). */
export function run(cmd, args, { env = process.env, cwd = ROOT } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: 'inherit' });
    foreground = child;
    child.on('error', (err) => {
      foreground = null;
      reject(new SetupError(`could not run ${cmd}: ${err.message}`));
    });
    child.on('exit', (code, signal) => {
      foreground = null;
      resolve(code ?? 128 + (os.constants.signals[signal] || 1));
    });
  });
}

/** Like run(), but a non-zero exit is a SetupError. */
async function runChecked(cmd, args, opts) {
  const code = await run(cmd, args, opts);
  if (code !== 0) throw new SetupError(`${[cmd, ...args].join(' ')} failed (exit ${code})`);
}

/** Lists files under `dir` (recursively) that satisfy `keep`, skipping node_modules, dot folders and `skip`. */
export function walk(dir, keep = () => true, skip = () => false, out = []) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name.startsWith('.') || skip(p)) continue;
      walk(p, keep, skip, out);
    } else if (e.isFile() && keep(p)) {
      out.push(p);
    }
  }
  return out;
}

// ───────────────────────────── a. Debian packages ─────────────────────────────

/** Installs the system packages the build and the tests need, when missing (needs root). */
export async function ensureDebianPackages({ chromium = false } = {}) {
  const wanted = [{ pkg: 'libmongocrypt-dev', probe: '/usr/include/mongocrypt/mongocrypt.h' }];
  if (chromium) wanted.push({ pkg: 'chromium', probe: '/usr/bin/chromium' });
  const missing = wanted.filter((w) => !exists(w.probe)).map((w) => w.pkg);
  if (missing.length === 0) {
    ok(`Debian packages present (${wanted.map((w) => w.pkg).join(', ')})`);
    return;
  }
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !which('apt-get')) {
    throw new SetupError(
      `missing system packages: ${missing.join(' ')}. Install them first, e.g.\n` +
        `    sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  doing(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runChecked('apt-get', ['update'], { env });
  await runChecked('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

// ───────────────────────────── b. npm packages ─────────────────────────────

/** What the stamp must say: the lock file's hash, plus the Node ABI (a new Node needs the addon rebuilt). */
function expectedNpmStamp() {
  const lock = path.join(ROOT, 'package-lock.json');
  const hashed = exists(lock) ? lock : path.join(ROOT, 'package.json');
  return `${sha256File(hashed)}\nnode-abi ${process.versions.modules}\n`;
}

/** Runs `npm ci` when node_modules is missing, stale (stamp mismatch) or lacks the CSFLE addon. */
export async function ensureNpmPackages() {
  const stamp = expectedNpmStamp();
  let current = null;
  try {
    current = fs.readFileSync(NPM_STAMP, 'utf8');
  } catch {}
  if (current === stamp && exists(CSFLE_ADDON)) {
    ok('npm packages up to date');
    return;
  }
  doing('installing npm packages (npm ci)');
  const hasLock = exists(path.join(ROOT, 'package-lock.json'));
  const env = {
    ...process.env,
    BUILD_TYPE: CSFLE_BUILD_ENV.BUILD_TYPE,
    CXXFLAGS: [process.env.CXXFLAGS, CSFLE_BUILD_ENV.CXXFLAGS].filter(Boolean).join(' '),
  };
  await runChecked('npm', [hasLock ? 'ci' : 'install', '--no-audit', '--no-fund'], { env });
  if (!exists(CSFLE_ADDON)) {
    throw new SetupError(`npm finished but the CSFLE addon was not built (${path.relative(ROOT, CSFLE_ADDON)} missing)`);
  }
  fs.writeFileSync(NPM_STAMP, stamp);
}

// ───────────────────────────── c. .env.local ─────────────────────────────

/** Tiny KEY=VALUE parser: skips blanks and comments, accepts `export KEY=...`, strips one pair of quotes. */
export function parseEnv(text) {
  const out = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2];
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) {
      value = value.slice(1, -1);
    }
    out[m[1]] = value;
  }
  return out;
}

/** Splits .env.local into the user's lines (outside the block) and the managed block's lines. */
export function readEnvFile(file = ENV_FILE) {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {}
  const lines = text.split(/\r?\n/);
  const begin = lines.indexOf(BLOCK_BEGIN);
  const end = begin === -1 ? -1 : lines.indexOf(BLOCK_END, begin);
  if (begin === -1 || end === -1) {
    return { text, userBefore: text, userAfter: '', user: parseEnv(text), managed: {} };
  }
  const userBefore = lines.slice(0, begin).join('\n');
  const userAfter = lines.slice(end + 1).join('\n');
  return {
    text,
    userBefore,
    userAfter,
    user: parseEnv(`${userBefore}\n${userAfter}`),
    managed: parseEnv(lines.slice(begin + 1, end).join('\n')),
  };
}

/** Rewrites only the managed block (the user's lines stay byte for byte); writes nothing when unchanged. */
export function writeManagedBlock(managed, file = ENV_FILE) {
  const current = readEnvFile(file);
  const block = [
    BLOCK_BEGIN,
    '# Generated; edit outside this block to override (your lines win, real environment variables win over both).',
    ...Object.entries(managed).map(([k, v]) => `${k}=${v}`),
    BLOCK_END,
  ].join('\n');
  const before = current.userBefore.replace(/\n*$/, '');
  const after = current.userAfter.replace(/^\n*/, '').replace(/\n*$/, '');
  const next = [before, block, after].filter(Boolean).join('\n\n') + '\n';
  if (next === current.text) return false;
  fs.writeFileSync(file, next, { mode: 0o600 }); // it holds secrets (NEXTAUTH_SECRET)
  fs.chmodSync(file, 0o600);
  return true;
}

/** Layers env sources; a later layer wins, but only with a non-empty value. */
function layer(...sources) {
  const out = {};
  for (const src of sources) {
    for (const [k, v] of Object.entries(src)) if (isSet(v)) out[k] = v;
  }
  return out;
}

/** The environment children get: managed block < user lines < process.env. */
export function resolvedEnv(envFile = readEnvFile()) {
  return layer(envFile.managed, envFile.user, process.env);
}

/** A value set by the user (process.env or .env.local outside the block), ignoring the managed block. */
const userValue = (envFile, key) => (isSet(process.env[key]) ? process.env[key] : envFile.user[key]);

// ───────────────────────────── d. master key ─────────────────────────────

function ensureDataDir() {
  fs.mkdirSync(DATA_DIR, { recursive: true, mode: 0o700 });
  fs.chmodSync(DATA_DIR, 0o700); // holds the master key and the database files
}

/** Creates the local CSFLE master key once (never overwritten: that would make all data unreadable). */
export function ensureMasterKey(envFile, managed) {
  const provider = userValue(envFile, 'CSFLE_KMS_PROVIDER') || 'local';
  if (provider !== 'local') {
    delete managed.CSFLE_LOCAL_MASTER_KEY_FILE;
    ok(`master key: KMS provider "${provider}" configured, no local key needed`);
    return;
  }
  if (isSet(userValue(envFile, 'CSFLE_LOCAL_MASTER_KEY')) || isSet(userValue(envFile, 'CSFLE_LOCAL_MASTER_KEY_FILE'))) {
    delete managed.CSFLE_LOCAL_MASTER_KEY_FILE;
    ok('master key: configured by you (CSFLE_LOCAL_MASTER_KEY or CSFLE_LOCAL_MASTER_KEY_FILE)');
    return;
  }
  ensureDataDir();
  if (exists(MASTER_KEY_FILE)) {
    const size = fs.statSync(MASTER_KEY_FILE).size;
    if (size !== MASTER_KEY_BYTES) {
      throw new SetupError(`${MASTER_KEY_FILE} has ${size} bytes, expected ${MASTER_KEY_BYTES}; not touching it (it may guard existing data)`);
    }
    fs.chmodSync(MASTER_KEY_FILE, 0o600);
    ok(`master key present (${path.relative(ROOT, MASTER_KEY_FILE)})`);
  } else {
    doing(`creating local master key ${path.relative(ROOT, MASTER_KEY_FILE)} (back it up: losing it loses all secrets)`);
    // 'wx' fails instead of overwriting if another run created it meanwhile.
    fs.writeFileSync(MASTER_KEY_FILE, randomBytes(MASTER_KEY_BYTES), { mode: 0o600, flag: 'wx' });
    fs.chmodSync(MASTER_KEY_FILE, 0o600);
  }
  managed.CSFLE_LOCAL_MASTER_KEY_FILE = MASTER_KEY_FILE;
}

// ───────────────────────────── e. auth settings ─────────────────────────────

/** NEXTAUTH_SECRET generated once (sessions survive restarts); URLs default to localhost:PORT. */
export function ensureAuthSettings(envFile, managed) {
  // A generated secret stays in the block even when overridden, so removing the override later does not
  // rotate it (which would sign everyone out).
  if (!isSet(userValue(envFile, 'NEXTAUTH_SECRET')) && !isSet(managed.NEXTAUTH_SECRET)) {
    doing('generating NEXTAUTH_SECRET');
    managed.NEXTAUTH_SECRET = randomBytes(32).toString('base64url');
  }
  const url = `http://localhost:${userValue(envFile, 'PORT') || 3000}`;
  for (const key of ['NEXTAUTH_URL', 'APP_URL']) {
    if (isSet(userValue(envFile, key))) delete managed[key];
    else managed[key] = url;
  }
  ok('auth settings ready (NEXTAUTH_SECRET, NEXTAUTH_URL, APP_URL)');
}

// ───────────────────────────── f. database ─────────────────────────────

/** True when something accepts a TCP connection on 127.0.0.1:port. */
export function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (v) => {
      sock.destroy();
      resolve(v);
    };
    sock.setTimeout(1000, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

/** A free loopback port, chosen by the kernel. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** The process's command line (Linux), or null when unknown. */
function cmdlineOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return null;
  }
}

function logTail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Builds the FerretDB launcher unless the binary is newer than its sources. */
export async function ensureLauncherBinary() {
  const sources = fs
    .readdirSync(LAUNCHER_SRC)
    .filter((f) => f.endsWith('.go') || f === 'go.mod' || f === 'go.sum')
    .map((f) => path.join(LAUNCHER_SRC, f));
  const newestSource = Math.max(...sources.map(mtimeMs));
  if (exists(LAUNCHER_BIN) && mtimeMs(LAUNCHER_BIN) > newestSource) {
    ok('FerretDB launcher built');
    return LAUNCHER_BIN;
  }
  const go = which('go', ['/usr/local/go/bin', path.join(os.homedir(), 'go', 'bin')]);
  if (!go) {
    throw new SetupError(
      'no database: set MONGODB_URI, or put `mongod` on PATH, or install Go >= 1.24 (https://go.dev/dl) so setup can build the FerretDB launcher',
    );
  }
  doing('building the FerretDB launcher (the first build takes ~2 minutes)');
  fs.mkdirSync(path.dirname(LAUNCHER_BIN), { recursive: true });
  const tmp = `${LAUNCHER_BIN}.tmp-${process.pid}`; // rename after success so a killed build leaves no half binary
  try {
    await runChecked(go, ['build', '-o', tmp, '.'], {
      cwd: LAUNCHER_SRC,
      env: { ...process.env, GOFLAGS: '-buildvcs=false' },
    });
    fs.renameSync(tmp, LAUNCHER_BIN);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return LAUNCHER_BIN;
}

/** Which local server to run: `mongod` on PATH, else the FerretDB launcher (built on demand). */
export async function localServerCommand(port, dataDir) {
  const mongod = which('mongod');
  if (mongod) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    return { kind: 'mongod', cmd: mongod, args: ['--dbpath', dataDir, '--bind_ip', '127.0.0.1', '--port', String(port)] };
  }
  const bin = await ensureLauncherBinary();
  return { kind: 'FerretDB', cmd: bin, args: ['-listen', `127.0.0.1:${port}`, '-data', dataDir] };
}

/** Waits until the port accepts TCP; fails early if the child exits, or after the timeout. */
async function waitForPort(port, { child, logFile, timeoutMs = DB_READY_TIMEOUT_MS }) {
  let exited = null;
  child?.once('exit', (code, signal) => (exited = signal || `exit ${code}`));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await portOpen(port)) return;
    if (exited) break;
    await sleep(200);
  }
  const why = exited ? `exited (${exited})` : `did not accept connections within ${timeoutMs / 1000} s`;
  throw new SetupError(`the database server on port ${port} ${why}. Last lines of ${logFile}:\n${logTail(logFile)}`);
}

/** Starts a database server writing to logFile; `detached` makes it outlive this script. */
function spawnServer(server, logFile, { detached }) {
  const fd = fs.openSync(logFile, 'a');
  try {
    const child = spawn(server.cmd, server.args, { cwd: ROOT, detached, stdio: ['ignore', fd, fd] });
    child.on('error', () => {}); // surfaced by waitForPort via 'exit'
    if (detached) child.unref();
    return child;
  } finally {
    fs.closeSync(fd);
  }
}

/** Sends SIGTERM and waits for the process to end (SIGKILL after timeoutMs). */
async function terminate(pid, timeoutMs = 15_000) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (pidAlive(pid) && Date.now() < deadline) await sleep(100);
  if (pidAlive(pid)) {
    warn(`process ${pid} ignored SIGTERM; killing it`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
}

function readPidFile() {
  try {
    const pid = Number.parseInt(fs.readFileSync(DB_PID_FILE, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Starts (or reuses) the local database daemon for `start`/`dev`/`setup`; returns its URI. */
export async function ensureLocalDbDaemon(port) {
  ensureDataDir();
  const pid = readPidFile();
  if (pid && pidAlive(pid)) {
    const cmdline = cmdlineOf(pid); // null on systems without /proc: trust the pid file
    const ours = cmdline === null || /mongod|ferretdb-launcher/.test(cmdline);
    const samePort = cmdline === null || cmdline.includes(`:${port} `) || cmdline.includes(`--port ${port}`) || cmdline.endsWith(`:${port}`);
    if (ours && samePort) {
      if (await portOpen(port)) {
        ok(`local database running (pid ${pid}, port ${port})`);
        return;
      }
      doing(`waiting for the local database (pid ${pid}) to accept connections`);
      await waitForPort(port, { logFile: DB_LOG_FILE });
      return;
    }
    if (ours) {
      doing(`restarting the local database on port ${port} (it was started on another port)`);
      await terminate(pid);
    }
  }
  fs.rmSync(DB_PID_FILE, { force: true }); // stale
  if (await portOpen(port)) {
    throw new SetupError(
      `port ${port} is already in use by another process; stop it, or set VAULTLINE_LOCAL_DB_PORT, or set MONGODB_URI`,
    );
  }
  const server = await localServerCommand(port, path.join(DATA_DIR, which('mongod') ? 'mongod' : 'ferretdb'));
  doing(`starting local ${server.kind} on 127.0.0.1:${port} (log: ${path.relative(ROOT, DB_LOG_FILE)})`);
  fs.appendFileSync(DB_LOG_FILE, `\n--- ${new Date().toISOString()} ${server.cmd} ${server.args.join(' ')}\n`);
  const child = spawnServer(server, DB_LOG_FILE, { detached: true });
  if (!child.pid) throw new SetupError(`could not start ${server.cmd}`);
  fs.writeFileSync(DB_PID_FILE, `${child.pid}\n`);
  try {
    await waitForPort(port, { child, logFile: DB_LOG_FILE });
  } catch (err) {
    await terminate(child.pid, 3000);
    fs.rmSync(DB_PID_FILE, { force: true });
    throw err;
  }
  ok(`local database ready (pid ${child.pid})`);
}

/** Step f for setup/start/dev: the user's MONGODB_URI, else the local daemon recorded in the managed block. */
export async function ensureDatabase(envFile, managed) {
  if (isSet(userValue(envFile, 'MONGODB_URI'))) {
    delete managed.MONGODB_URI;
    ok('database: using your MONGODB_URI (nothing started)');
    return;
  }
  const port = Number(userValue(envFile, 'VAULTLINE_LOCAL_DB_PORT') || DEFAULT_DB_PORT);
  await ensureLocalDbDaemon(port);
  managed.MONGODB_URI = `mongodb://127.0.0.1:${port}/vaultline`;
}

/** `db-stop`: stops the local daemon and removes its pid file. */
export async function stopLocalDbDaemon() {
  const pid = readPidFile();
  if (!pid || !pidAlive(pid)) {
    fs.rmSync(DB_PID_FILE, { force: true });
    ok('local database not running');
    return;
  }
  doing(`stopping local database (pid ${pid})`);
  await terminate(pid);
  fs.rmSync(DB_PID_FILE, { force: true });
  ok('local database stopped');
}

/**
 * A throwaway server for one test run: fresh temp data dir, random free port, not detached (dies with us
 * if we are killed hard). Returns { uri, stop }; stop() is idempotent and removes the temp dir.
 */
export async function startThrowawayDb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaultline-test-db-'));
  const logFile = path.join(dir, 'server.log');
  let child = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    const server = await localServerCommand(port, path.join(dir, 'data'));
    doing(`starting throwaway ${server.kind} on 127.0.0.1:${port}`);
    child = spawnServer(server, logFile, { detached: false });
    await waitForPort(port, { child, logFile });
    return { uri: `mongodb://127.0.0.1:${port}/vaultline_test`, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

// ───────────────────────────── newer libmongocrypt ─────────────────────────────

// Debian's libmongocrypt (1.7.2) has no named KMS providers, so one local master key cannot be rotated to
// another. PyPI's pymongocrypt wheel carries libmongocrypt 1.21.0 with the same soname
// (libmongocrypt.so.0) the addon was built against: the server loads it through LD_LIBRARY_PATH, and the
// addon's build keeps Debian's headers. Without it (no pip, no network), Debian's library stays in use.
const PYMONGOCRYPT = { name: 'pymongocrypt', version: '1.21.2' };
export const LIBMONGOCRYPT_DIR = path.join(DATA_DIR, 'lib');

export async function ensureNewerLibmongocrypt() {
  const target = path.join(LIBMONGOCRYPT_DIR, 'libmongocrypt.so.0');
  if (exists(target)) {
    ok('libmongocrypt 1.21 present (.data/lib)');
    return LIBMONGOCRYPT_DIR;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  const python = which('python3');
  if (!python) {
    warn('no python3: keeping the system libmongocrypt (local master keys cannot be rotated to local ones)');
    return null;
  }
  // Debian's python3 comes without pip; `pip download` needs no virtual environment (PEP 668 is about installs).
  if ((await run(python, ['-m', 'pip', '--version'])) !== 0) {
    if (process.getuid?.() !== 0 || !which('apt-get')) {
      warn('no pip for python3 (apt-get install python3-pip): keeping the system libmongocrypt');
      return null;
    }
    doing('installing python3-pip (to fetch libmongocrypt from PyPI)');
    const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if ((await run('apt-get', ['install', '-y', '--no-install-recommends', 'python3-pip'], { env: aptEnv })) !== 0) {
      await run('apt-get', ['update'], { env: aptEnv });
      if ((await run('apt-get', ['install', '-y', '--no-install-recommends', 'python3-pip'], { env: aptEnv })) !== 0) {
        warn('could not install python3-pip: keeping the system libmongocrypt');
        return null;
      }
    }
  }
  doing(`fetching libmongocrypt from PyPI (${PYMONGOCRYPT.name}==${PYMONGOCRYPT.version} wheel)`);
  const wheels = path.join(DATA_DIR, 'wheels');
  fs.mkdirSync(wheels, { recursive: true });
  const spec = `${PYMONGOCRYPT.name}==${PYMONGOCRYPT.version}`;
  const code = await run(python, ['-m', 'pip', 'download', '--quiet', '--no-deps', '--only-binary=:all:', '--dest', wheels, spec]);
  const wheel = fs.readdirSync(wheels).find((n) => n.startsWith(`${PYMONGOCRYPT.name}-${PYMONGOCRYPT.version}-`) && n.endsWith('.whl'));
  if (code !== 0 || !wheel) {
    warn('could not fetch the wheel: keeping the system libmongocrypt (local master keys cannot be rotated to local ones)');
    return null;
  }
  fs.mkdirSync(LIBMONGOCRYPT_DIR, { recursive: true });
  const extract = 'import sys, zipfile; open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read("pymongocrypt/libmongocrypt.so"))';
  if ((await run(python, ['-c', extract, path.join(wheels, wheel), `${target}.tmp`])) !== 0) {
    warn('the wheel holds no libmongocrypt.so: keeping the system library');
    return null;
  }
  fs.renameSync(`${target}.tmp`, target);
  ok('libmongocrypt 1.21 installed in .data/lib');
  return LIBMONGOCRYPT_DIR;
}

// ───────────────────────────── setup ─────────────────────────────

/**
 * Steps a–f. `database: 'daemon'` provisions the long-lived local server (setup/start/dev);
 * `database: 'none'` leaves the database to the caller (test uses a throwaway one). Returns the env for children.
 */
export async function setup({ chromium = false, database = 'daemon' } = {}) {
  await ensureDebianPackages({ chromium });
  await ensureNpmPackages();
  const libDir = await ensureNewerLibmongocrypt();
  const envFile = readEnvFile();
  const managed = { ...envFile.managed };
  ensureMasterKey(envFile, managed);
  ensureAuthSettings(envFile, managed);
  if (database === 'daemon') await ensureDatabase(envFile, managed);
  if (writeManagedBlock(managed)) doing('updated .env.local (managed block)');
  else ok('.env.local up to date');
  const env = resolvedEnv();
  // Read by the dynamic loader when each child starts: the server, the test runner, the admin CLI.
  if (libDir) env.LD_LIBRARY_PATH = [libDir, env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter);
  return env;
}

// ───────────────────────────── build ─────────────────────────────

/** Newest mtime among the inputs of `next build` (generated GraphQL code excluded: the build writes it). */
export function newestSourceMtime() {
  const generated = path.join(ROOT, 'graphql', 'generated');
  const skip = (p) => p === generated;
  const files = [];
  for (const dir of ['app', 'lib', 'graphql', 'models', 'components', 'processes']) walk(path.join(ROOT, dir), undefined, skip, files);
  for (const name of fs.readdirSync(ROOT)) {
    if (/^(next|postcss)\.config\./.test(name) || ['package-lock.json', 'tsconfig.json'].includes(name)) {
      files.push(path.join(ROOT, name));
    }
  }
  return Math.max(0, ...files.map(mtimeMs));
}

/** True when .next/BUILD_ID is missing or older than any source. */
export function buildIsStale() {
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  return !exists(buildId) || mtimeMs(buildId) < newestSourceMtime();
}

async function ensureBuild(env) {
  if (!buildIsStale()) {
    ok('production build up to date');
    return;
  }
  doing('building (npm run build)');
  await runChecked('npm', ['run', 'build'], { env });
}

// ───────────────────────────── commands ─────────────────────────────

/** Forwards SIGINT/SIGTERM to the foreground child instead of dying first. */
function forwardSignals(onSignal) {
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      if (onSignal) onSignal(sig);
      else if (foreground) foreground.kill(sig);
      else process.exit(128 + os.constants.signals[sig]);
    });
  }
}

/** Runs processes/app.ts (the gateway, with the dashboard as its child) in the foreground and exits with its code. */
async function serve(env, extraArgs) {
  forwardSignals();
  // `npm start` killed outright (or a terminal closed) leaves this process to init: stop the server too,
  // rather than leave it running on the port with nobody to stop it.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent && foreground) foreground.kill('SIGTERM');
  }, 1000).unref();
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  process.exit(await run(tsx, ['processes/app.ts', ...extraArgs], { env }));
}

async function cmdStart() {
  const env = await setup();
  await ensureBuild(env);
  const appUrl = env.APP_URL;
  console.log(
    `Vaultline: sign in at ${appUrl}/sign-in  (create a user: npm run admin -- create-user --email you@example.com --password-stdin, then type the password)`,
  );
  await serve({ ...env, NODE_ENV: 'production' }, []);
}

async function cmdDev() {
  const env = await setup();
  await serve({ ...env, NODE_ENV: 'development' }, ['--dev']);
}

/** Every *.test.ts under the test roots (Node 20's --test has no glob). */
export function findUnitTestFiles() {
  const files = [];
  for (const dir of ['lib', 'models', 'graphql', 'scripts', 'tests']) {
    walk(path.join(ROOT, dir), (p) => p.endsWith('.test.ts'), undefined, files);
  }
  return files.map((f) => path.relative(ROOT, f)).sort();
}

export function findE2eSpecs() {
  return walk(path.join(ROOT, 'e2e'), (p) => p.endsWith('.spec.ts'));
}

async function cmdTest() {
  const results = [];
  let db = null;
  let interrupted = null;

  // Ctrl-C / SIGTERM: stop the current step, then fall through to the cleanup below.
  forwardSignals((sig) => {
    interrupted = sig;
    if (foreground) foreground.kill(sig);
  });

  /** Runs one step, records ok/failed/skipped and its duration; never throws. */
  const step = async (name, fn) => {
    if (interrupted) {
      results.push({ name, status: 'skipped', note: `interrupted (${interrupted})` });
      return false;
    }
    console.log(`\n── ${name}`);
    const t0 = Date.now();
    try {
      const note = await fn();
      const skipped = typeof note === 'string' && note.startsWith('skipped');
      results.push({ name, status: skipped ? 'skipped' : 'ok', note, ms: Date.now() - t0 });
      return true;
    } catch (err) {
      if (!(err instanceof SetupError)) console.error(err);
      else console.error(`✗ ${name}: ${err.message}`);
      results.push({ name, status: 'failed', note: err.message, ms: Date.now() - t0 });
      return false;
    }
  };
  const exitCheck = (code) => {
    if (code !== 0) throw new SetupError(`exit ${code}`);
  };

  let env = null;
  try {
    await step('setup', async () => {
      env = await setup({ chromium: true, database: 'none' });
    });
    if (env) {
      await step('typecheck', async () => exitCheck(await run('npm', ['run', 'typecheck'], { env })));
      await step('lint', async () => exitCheck(await run('npm', ['run', 'lint'], { env })));
      const built = await step('build', async () => exitCheck(await run('npm', ['run', 'build'], { env })));

      const dbReady = await step('database', async () => {
        if (isSet(process.env.MONGODB_URI)) {
          db = { uri: process.env.MONGODB_URI, stop: async () => {} };
          return 'using MONGODB_URI from the environment';
        }
        db = await startThrowawayDb();
        return db.uri;
      });
      const testEnv = dbReady
        ? {
            ...env,
            MONGODB_URI: db.uri,
            VAULTLINE_TEST_RUN_ID: randomBytes(4).toString('hex'),
            VAULTLINE_ALLOW_PRIVATE_HOSTS: '1',
          }
        : null;

      await step('unit and integration tests', async () => {
        if (!testEnv) return 'skipped (no database)';
        const files = findUnitTestFiles();
        if (files.length === 0) return 'skipped (0 test files)';
        console.log(`${files.length} test file(s)`);
        exitCheck(await run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { env: testEnv }));
        return `${files.length} file(s)`;
      });

      await step('e2e (Playwright)', async () => {
        const specs = findE2eSpecs();
        if (specs.length === 0) return 'skipped (no e2e/*.spec.ts)';
        if (!testEnv) throw new SetupError('no database');
        if (!built) throw new SetupError('build failed');
        exitCheck(await run(path.join(ROOT, 'node_modules', '.bin', 'playwright'), ['test'], { env: testEnv }));
        return `${specs.length} spec file(s)`;
      });
    }
  } finally {
    if (db) {
      await db.stop();
      console.log('\n✓ throwaway database stopped and removed');
    }
  }

  console.log('\n── summary');
  for (const r of results) {
    const mark = { ok: '✓', failed: '✗', skipped: '-' }[r.status];
    const time = r.ms === undefined ? '' : ` (${(r.ms / 1000).toFixed(1)} s)`;
    console.log(`${mark} ${r.name.padEnd(28)} ${r.status}${time}${r.note && r.status !== 'ok' ? `: ${r.note.split('\n')[0]}` : ''}`);
  }
  const failed = results.some((r) => r.status === 'failed');
  if (interrupted) process.exit(128 + os.constants.signals[interrupted]);
  process.exit(failed ? 1 : 0);
}

/** `npm run test:unit`: the node:test files alone, against a throwaway database (no build, no browser). */
async function cmdUnit() {
  const env = await setup({ database: 'none' });
  const db = isSet(process.env.MONGODB_URI) ? { uri: process.env.MONGODB_URI, stop: async () => {} } : await startThrowawayDb();
  forwardSignals((sig) => foreground?.kill(sig));
  let code = 1;
  try {
    const files = findUnitTestFiles();
    const testEnv = { ...env, MONGODB_URI: db.uri, VAULTLINE_ALLOW_PRIVATE_HOSTS: '1' };
    code = await run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...process.argv.slice(3), ...files], { env: testEnv });
  } finally {
    await db.stop();
  }
  process.exit(code);
}

const COMMANDS = {
  setup: async () => {
    await setup();
  },
  start: cmdStart,
  dev: cmdDev,
  test: cmdTest,
  unit: cmdUnit,
  'db-stop': stopLocalDbDaemon,
};

async function main() {
  const name = process.argv[2];
  const cmd = COMMANDS[name];
  if (!cmd) {
    console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(COMMANDS).join('|')}>`);
    process.exit(2);
  }
  try {
    await cmd();
  } catch (err) {
    if (err instanceof SetupError) {
      console.error(`✗ ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

// Run only when executed directly, so the functions above can be imported (and tested) one by one.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
