// Connect: starts an OAuth 2 authorization (lib/services/oauth/connect.service.ts) for the signed-in
// person and sends the browser to the provider. ?integration=<slug>, and from a setup link ?budget=<id>,
// or to reconnect ?credential=<id>.
import { NextResponse } from "next/server";
import { sessionActor } from "@/lib/auth/request-actor";
import { connectDb } from "@/lib/db/connection";
import { env } from "@/lib/env";
import { startConnect } from "@/lib/services/oauth/connect.service";
import { AppError } from "@/lib/services/errors";
import { signInPath } from "@/lib/auth/callback-path";
import { oauthErrorPage } from "@/app/api/oauth/error-page";

export async function GET(request: Request): Promise<Response> {
  await connectDb();
  const url = new URL(request.url);
  const actor = await sessionActor();
  if (actor.kind !== "user") return NextResponse.redirect(new URL(signInPath(`${url.pathname}${url.search}`), env().APP_URL));
  try {
    const authorizeUrl = await startConnect(actor, {
      integrationSlug: url.searchParams.get("integration") ?? "",
      budgetId: url.searchParams.get("budget"),
      credentialId: url.searchParams.get("credential"),
    });
    return NextResponse.redirect(authorizeUrl);
  } catch (error) {
    if (error instanceof AppError) return oauthErrorPage(400, error.message);
    throw error;
  }
}
