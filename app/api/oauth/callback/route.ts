// The OAuth 2 redirect URI: completes the flow Connect started (state checked and used up, code
// exchanged with the PKCE verifier) and opens the credential, or says plainly why it was refused.
import { NextResponse } from "next/server";
import { sessionActor } from "@/lib/auth/request-actor";
import { connectDb } from "@/lib/db/connection";
import { env } from "@/lib/env";
import { finishConnect } from "@/lib/services/oauth/connect.service";
import { AppError } from "@/lib/services/errors";
import { oauthErrorPage } from "@/app/api/oauth/error-page";

export async function GET(request: Request): Promise<Response> {
  await connectDb();
  const params = new URL(request.url).searchParams;
  const actor = await sessionActor();
  if (actor.kind !== "user") return oauthErrorPage(401, "Sign in to Vaultline first, then start again from Connect.");
  try {
    const { credential, budgetId } = await finishConnect(actor, { state: params.get("state"), code: params.get("code"), error: params.get("error") });
    const next = budgetId ? `/budgets/${budgetId}?connected=${credential._id.toString()}` : `/credentials/${credential._id.toString()}?connected=1`;
    return NextResponse.redirect(new URL(next, env().APP_URL));
  } catch (error) {
    if (error instanceof AppError) return oauthErrorPage(400, error.message);
    throw error;
  }
}
