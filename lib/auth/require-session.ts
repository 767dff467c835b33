// For server components of the dashboard: the signed-in user, or a redirect to the sign-in page.
import { redirect } from "next/navigation";
import { connectDb } from "@/lib/db/connection";
import { sessionActor } from "@/lib/auth/request-actor";
import type { TUserActor } from "@/lib/services/actor";

export async function requireSession(): Promise<TUserActor> {
  await connectDb();
  const actor = await sessionActor();
  if (actor.kind !== "user") redirect("/sign-in");
  return actor;
}
