// Bootstrapping from the command line:
//   npm run admin -- create-user --email E --password-stdin [--name N]   (the password is the first line of stdin)
//   npm run admin -- create-user --email E --password P [--name N]       (discouraged: P lands in shell history and `ps`)
//   npm run admin -- create-token --email E --name N      (prints the token alone on its last line)
//   npm run admin -- shred-user --email E                  (deletes the user's data key: their secrets become unrecoverable)
//   npm run admin -- rewrap-master-key                     (re-encrypts every data key under the configured master key)
//   npm run admin -- verify-audit                          (names every audit entry that was edited or deleted; exit 1 if any)
import { parseArgs } from "node:util";
import { connectDb, disconnectDb } from "@/lib/db/connection";
import { ensureIndexes } from "@/lib/db/ensure-indexes";
import { AppError, ValidationError } from "@/lib/services/errors";
import { createUser, findUserByEmail } from "@/lib/services/users/users.service";
import { createAccessToken } from "@/lib/services/tokens/access-tokens.service";
import { rewrapDataKeys, shredOwnerSecrets } from "@/lib/services/encryption/encryption.service";
import { verifyAuditTrail } from "@/lib/services/audit/audit.service";
import { withAuditContext } from "@/lib/services/audit/audit-context";
import { kmsConfigFromEnv } from "@/lib/crypto/kms-providers";
import { env } from "@/lib/env";

const USAGE = `usage:
  npm run admin -- create-user --email E --password-stdin [--name N]   (reads the password from stdin)
  npm run admin -- create-token --email E --name N
  npm run admin -- shred-user --email E
  npm run admin -- rewrap-master-key
  npm run admin -- verify-audit`;

/** The first line of stdin, without its line break (`printf '%s\n' "$PW" | npm run admin -- create-user ...`). */
async function firstLineOfStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes("\n")) break;
  }
  return text.split(/\r?\n/)[0]!;
}

type TOptions = { email?: string; password?: string; "password-stdin"?: boolean; name?: string };

async function run(command: string | undefined, options: TOptions): Promise<void> {
  switch (command) {
    case "create-user": {
      const password = options["password-stdin"] ? await firstLineOfStdin() : options.password;
      if (options.password !== undefined && !options["password-stdin"]) {
        console.error("warning: --password leaves the password in shell history and the process list; use --password-stdin");
      }
      const user = await createUser({ email: options.email, password, name: options.name });
      console.log(`created user ${user.email} (${user._id.toString()})`);
      return;
    }
    case "create-token": {
      const user = options.email ? await findUserByEmail(options.email) : null;
      if (!user) throw new ValidationError("No user has this e-mail.", { email: ["is not a user"] });
      const { token, accessToken } = await createAccessToken({ kind: "user", userId: user._id.toString() }, options.name);
      console.log(`created token ${accessToken.name} (${accessToken.tokenId}) for ${user.email}; it is shown once:`);
      console.log(token);
      return;
    }
    case "shred-user": {
      // Crypto-shredding: every secret of this user becomes unrecoverable; their records stay.
      const user = options.email ? await findUserByEmail(options.email) : null;
      if (!user) throw new ValidationError("No user has this e-mail.", { email: ["is not a user"] });
      const shredded = await shredOwnerSecrets(user._id.toString());
      console.log(shredded ? `deleted the data key of ${user.email}: their secrets can no longer be decrypted` : `${user.email} had no data key`);
      return;
    }
    case "rewrap-master-key": {
      // Rotation: data keys are re-encrypted under the master key now configured (e.g. a new AWS key
      // ARN); credential documents are untouched. Running servers pick it up within a minute.
      const count = await rewrapDataKeys(kmsConfigFromEnv(env()));
      console.log(`re-encrypted ${count} data key(s) under the configured ${env().CSFLE_KMS_PROVIDER} master key`);
      return;
    }
    case "verify-audit": {
      // Exit code 1 when any entry was edited or deleted; each is named.
      const { owners, entries, problems } = await verifyAuditTrail();
      for (const p of problems) console.log(`${p.problem}: owner ${p.ownerId}, entry ${p.seq}`);
      console.log(problems.length ? `the audit trail was tampered with: ${problems.length} problem(s)` : `audit trail intact: ${entries} entries of ${owners} owner(s)`);
      if (problems.length) process.exitCode = 1;
      return;
    }
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, password: { type: "string" }, "password-stdin": { type: "boolean" }, name: { type: "string" } },
  });
  await connectDb();
  await ensureIndexes();
  try {
    // Changes made here are the operator's, from this machine.
    await withAuditContext({ via: "admin", viaId: null, source: "cli", requestId: null }, () => run(positionals[0], values));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const details = error instanceof ValidationError ? Object.entries(error.fieldErrors).map(([k, v]) => `\n  ${k}: ${v.join(", ")}`).join("") : "";
    console.error(`error: ${error.message}${details}`);
    process.exitCode = 1;
  } finally {
    await disconnectDb();
  }
}

void main();
