// Bootstrapping from the command line:
//   npm run admin -- create-user --email E --password P [--name N]
//   npm run admin -- create-token --email E --name N      (prints the token alone on its last line)
import { parseArgs } from "node:util";
import { connectDb, disconnectDb } from "@/lib/db/connection";
import { ensureIndexes } from "@/lib/db/ensure-indexes";
import { AppError, ValidationError } from "@/lib/services/errors";
import { createUser, findUserByEmail } from "@/lib/services/users/users.service";
import { createAccessToken } from "@/lib/services/tokens/access-tokens.service";

const USAGE = `usage:
  npm run admin -- create-user --email E --password P [--name N]
  npm run admin -- create-token --email E --name N`;

async function run(command: string | undefined, options: Record<string, string | undefined>): Promise<void> {
  switch (command) {
    case "create-user": {
      const user = await createUser({ email: options.email, password: options.password, name: options.name });
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
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
  });
  await connectDb();
  await ensureIndexes();
  try {
    await run(positionals[0], values);
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
