// For server components: the dashboard needs a signed-in user; the sign-in and sign-up pages need none.
import { redirect } from "next/navigation";
import { connectDb } from "@/lib/db/connection";
import { sessionActor } from "@/lib/auth/request-actor";
import type { TUserActor } from "@/lib/services/actor";
import { getUserById } from "@/lib/services/users/users.service";

export async function requireSession(): Promise<TUserActor> {
  await connectDb();
  const actor = await sessionActor();
  if (actor.kind !== "user") redirect("/sign-in");
  return actor;
}

/** Sends a signed-in user on to the dashboard. A session whose account is gone stays (the dashboard
 * would send it back here: a loop). */
export async function redirectIfSignedIn(): Promise<void> {
  await connectDb();
  const actor = await sessionActor();
  if (actor.kind === "user" && (await getUserById(actor.userId))) redirect("/");
}
