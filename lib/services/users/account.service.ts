// A person's own account, as the account page changes it: the name shown in the header, and the password
// (the current one first; a new one follows sign-up's rules). Each change is audited; no value is.
import bcrypt from "bcryptjs";
import { z } from "zod";
import { User } from "@/models/user";
import { requireUser, type TActor } from "@/lib/services/actor";
import { NotFoundError, ValidationError, fieldErrorsFromIssues } from "@/lib/services/errors";
import { recordAudit } from "@/lib/services/audit/audit.service";
import { closeOtherSessions } from "@/lib/services/users/dashboard-sessions.service";
import { BCRYPT_COST, ZCreateUserInput, type TUserRecord } from "@/lib/services/users/users.service";

const ZAccountName = z.object({ name: z.string().trim().max(100, "must be at most 100 characters") });

/** Sets (or, when empty, removes) the actor's name. */
export async function updateAccountName(actor: TActor, input: unknown): Promise<TUserRecord> {
  const { ownerId } = requireUser(actor);
  const parsed = ZAccountName.safeParse(input);
  if (!parsed.success) throw new ValidationError("The name is invalid.", fieldErrorsFromIssues(parsed.error.issues));
  const name = parsed.data.name;
  const user = await User.findByIdAndUpdate(ownerId, name ? { $set: { name } } : { $unset: { name: 1 } }, { new: true }).lean<TUserRecord>();
  if (!user) throw new NotFoundError("The account was not found.");
  await recordAudit(ownerId, { action: "user.updated", target: { type: "user", id: ownerId.toString() }, details: { fields: ["name"] } });
  return user;
}

const ZPasswordChange = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(200),
  newPassword: ZCreateUserInput.shape.password,
});

/**
 * Replaces the actor's password after checking the current one, and ends their other sessions (whoever
 * knew the old password is signed out); `keepSessionId` is the session asking. A wrong current password is
 * a field error and changes nothing.
 */
export async function changePassword(actor: TActor, input: unknown, keepSessionId: string | null): Promise<{ endedSessions: number }> {
  const { ownerId } = requireUser(actor);
  const parsed = ZPasswordChange.safeParse(input);
  if (!parsed.success) throw new ValidationError("The password change is incomplete.", fieldErrorsFromIssues(parsed.error.issues));
  const { currentPassword, newPassword } = parsed.data;
  const user = await User.findById(ownerId).lean<TUserRecord>();
  if (!user) throw new NotFoundError("The account was not found.");
  if (!(await bcrypt.compare(currentPassword, user.passwordHash))) {
    throw new ValidationError("The current password is not right.", { currentPassword: ["This is not your current password."] });
  }
  if (currentPassword === newPassword) throw new ValidationError("The new password is the current one.", { newPassword: ["The new password must differ from the current one."] });
  await User.updateOne({ _id: ownerId }, { $set: { passwordHash: await bcrypt.hash(newPassword, BCRYPT_COST) } });
  await recordAudit(ownerId, { action: "user.password_changed", target: { type: "user", id: ownerId.toString() } });
  return { endedSessions: await closeOtherSessions(ownerId.toString(), keepSessionId) };
}
