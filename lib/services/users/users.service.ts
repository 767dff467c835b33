// People who sign in to the dashboard. Passwords are bcrypt-hashed; there is no default account.
import bcrypt from "bcryptjs";
import { z } from "zod";
import type { Types } from "mongoose";
import { User, type TUser } from "@/models/user";
import { ConflictError, ValidationError, fieldErrorsFromIssues } from "@/lib/services/errors";
import { clearFailures, isThrottled, recordFailure } from "@/lib/services/users/sign-in-throttle";
import { recordAudit } from "@/lib/services/audit/audit.service";

export type TUserRecord = TUser & { _id: Types.ObjectId };

export const BCRYPT_COST = 12;
// Compared against when the e-mail is unknown, so both answers take as long. Made on first use.
let dummyHash: Promise<string> | undefined;

export const ZCreateUserInput = z.object({
  email: z.email("is not a valid e-mail address").max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(10, "must be at least 10 characters").max(200, "must be at most 200 characters"),
  name: z.string().trim().max(100).optional(),
});

export async function createUser(input: unknown): Promise<TUserRecord> {
  const parsed = ZCreateUserInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("The account is invalid.", fieldErrorsFromIssues(parsed.error.issues));
  const { email, password, name } = parsed.data;
  const passwordHash = await bcrypt.hash(password, BCRYPT_COST);
  try {
    const user = await User.create({ email, name, passwordHash });
    await recordAudit(user._id, { action: "user.created", target: { type: "user", id: user._id.toString() }, details: { email } });
    return user.toObject() as TUserRecord;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) throw new ConflictError("An account with this e-mail exists already.");
    throw error;
  }
}

/**
 * The user whose e-mail and password match, or null (without saying which one was wrong, or that the
 * attempt was throttled). `clientAddress` is the address the attempt came from, as the gateway saw it.
 */
export async function verifyPassword(email: string, password: string, clientAddress: string): Promise<TUserRecord | null> {
  if (typeof email !== "string" || typeof password !== "string" || password.length > 200) return null;
  const normalized = email.trim().toLowerCase();
  if (isThrottled(normalized, clientAddress)) return null;
  const user = await User.findOne({ email: normalized }).lean<TUserRecord>();
  dummyHash ??= bcrypt.hash("vaultline-timing-equaliser", BCRYPT_COST);
  const ok = await bcrypt.compare(password, user?.passwordHash ?? (await dummyHash));
  if (!ok || !user) {
    recordFailure(normalized, clientAddress);
    // Only for an account that exists: someone else's guesses at unknown e-mails belong to no trail.
    if (user) await recordAudit(user._id, { action: "user.sign_in_failed", target: { type: "user", id: user._id.toString() }, actor: { kind: "anonymous", id: null }, source: clientAddress || null });
    return null;
  }
  clearFailures(normalized, clientAddress);
  await recordAudit(user._id, { action: "user.signed_in", target: { type: "user", id: user._id.toString() }, actor: { kind: "session", id: user._id.toString() }, source: clientAddress || null });
  return user;
}

export async function findUserByEmail(email: string): Promise<TUserRecord | null> {
  return User.findOne({ email: email.trim().toLowerCase() }).lean<TUserRecord>();
}

export async function getUserById(id: string): Promise<TUserRecord | null> {
  return User.findById(id).lean<TUserRecord>();
}
