// Who is asking. Every service function takes it first and scopes every query to it.
import { Types } from "mongoose";
import { UnauthenticatedError } from "@/lib/services/errors";

/** The one type of an owner's id in services and models: the user's ObjectId. */
export type TOwnerId = Types.ObjectId;

// `userId` is the id as transports carry it (sessions, tokens); services work with `ownerId`.
// `tokenId`: the personal access token the request came with, if any (for the audit trail).
export type TUserActor = { kind: "user"; userId: string; tokenId?: string };
export type TActor = TUserActor | { kind: "anonymous" };

/** The owner a signed-in actor acts for; anyone else is UNAUTHENTICATED. */
export function requireUser(actor: TActor): { ownerId: TOwnerId } {
  if (actor.kind !== "user" || !Types.ObjectId.isValid(actor.userId)) throw new UnauthenticatedError();
  return { ownerId: new Types.ObjectId(actor.userId) };
}

/** Parses an id from a caller; a malformed one is simply not found, like any other unknown id. */
export function parseObjectId(id: string): Types.ObjectId | null {
  return /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : null;
}
