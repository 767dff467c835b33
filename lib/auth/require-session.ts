// For server components: the dashboard needs a signed-in user; the sign-in and sign-up pages need none.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { REQUESTED_PATH_HEADER, signInPath } from "@/lib/auth/callback-path";
import { connectDb } from "@/lib/db/connection";
import { sessionActor } from "@/lib/auth/request-actor";
import type { TUserActor } from "@/lib/services/actor";
import { getUserById } from "@/lib/services/users/users.service";

export async function requireSession(): Promise<TUserActor> {
  await connectDb();
  const actor = await sessionActor();
  if (actor.kind !== "user") redirect(await signInHere());
  return actor;
}

/** The sign-in page with the page that was asked for as its destination (set by proxy.ts). */
export async function signInHere(): Promise<string> {
  return signInPath((await headers()).get(REQUESTED_PATH_HEADER));
}

/** Sends a signed-in user on to the dashboard (or the already safe `callbackPath`). A session whose account is gone stays (the dashboard
 * would send it back here: a loop). */
export async function redirectIfSignedIn(callbackPath: string = "/"): Promise<void> {
  await connectDb();
  const actor = await sessionActor();
  if (actor.kind === "user" && (await getUserById(actor.userId))) redirect(callbackPath);
}
