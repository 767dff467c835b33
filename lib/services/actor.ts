// Who is asking. Every service function takes it first and scopes every query to it.
import { Types } from "mongoose";
import { UnauthenticatedError } from "@/lib/services/errors";

export type TUserActor = { kind: "user"; userId: string };
export type TActor = TUserActor | { kind: "anonymous" };

export function requireUser(actor: TActor): TUserActor & { ownerId: Types.ObjectId } {
  if (actor.kind !== "user" || !Types.ObjectId.isValid(actor.userId)) throw new UnauthenticatedError();
  return { ...actor, ownerId: new Types.ObjectId(actor.userId) };
}

/** Parses an id from a caller; a malformed one is simply not found, like any other unknown id. */
export function parseObjectId(id: string): Types.ObjectId | null {
  return /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : null;
}
