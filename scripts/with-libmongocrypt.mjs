// Runs a command with the newer libmongocrypt that setup installs in .data/lib (scripts/bootstrap.mjs says
// why) on LD_LIBRARY_PATH, which the dynamic loader reads only when a process starts. Without that file,
// the command runs with the system library. Used by `npm run admin`, `npm run gateway` and `npm run serve`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const lib = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.data', 'lib');
const env = { ...process.env };
if (fs.existsSync(path.join(lib, 'libmongocrypt.so.0')) && !(env.LD_LIBRARY_PATH ?? '').split(path.delimiter).includes(lib)) {
  env.LD_LIBRARY_PATH = [lib, env.LD_LIBRARY_PATH].filter(Boolean).join(path.delimiter);
}
const [cmd, ...args] = process.argv.slice(2);
const child = spawn(cmd, args, { env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal === 'SIGINT' ? 2 : 15)));
