// Bearer secrets (budget keys, personal access tokens): random, prefixed so they are recognisable in a
// leak scanner, shown once, stored only as SHA-256. These are 256-bit random values, so a fast hash is
// enough (no password stretching needed), and looking one up by its hash compares no secret bytes.
import { createHash, randomBytes } from "node:crypto";

export const BUDGET_KEY_PREFIX = "vl_live_";
export const ACCESS_TOKEN_PREFIX = "vl_pat_";
const DISPLAY_CHARS = 4;

export function generateSecretToken(prefix: string): { token: string; hash: string; displayPrefix: string } {
  const token = prefix + randomBytes(32).toString("base64url");
  return { token, hash: hashSecretToken(token), displayPrefix: token.slice(0, prefix.length + DISPLAY_CHARS) };
}

export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A short public id for listing and revoking, e.g. "bk_3f9a0c7d1e2b". */
export function publicId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString("hex")}`;
}
