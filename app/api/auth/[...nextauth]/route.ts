import { randomUUID } from "node:crypto";
import NextAuth from "next-auth";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { withAuditContext } from "@/lib/services/audit/audit-context";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { isAcceptableCallbackUrl } from "@/lib/auth/callback-path";
import { env } from "@/lib/env";

// next-auth's cookie holding the last callbackUrl (with the __Secure- prefix over https).
const CALLBACK_COOKIE = /^(__Secure-)?next-auth\.callback-url$/;

// A callbackUrl that is not a path or address of this site is refused here with a 400, before next-auth
// sees it (it would answer 500, and log the value as it came); from the cookie too, which the 400 clears so
// that the browser's next attempt works.
async function refusedCallback(req: NextRequest): Promise<boolean> {
  const values = [req.nextUrl.searchParams.get("callbackUrl")];
  for (const cookie of req.cookies.getAll()) if (CALLBACK_COOKIE.test(cookie.name)) values.push(cookie.value);
  if (req.method === "POST" && req.headers.get("content-type")?.startsWith("application/x-www-form-urlencoded")) {
    const form = new URLSearchParams(await req.clone().text());
    values.push(form.get("callbackUrl"));
  }
  return values.some((v) => v !== null && !isAcceptableCallbackUrl(v, env().NEXTAUTH_URL ?? env().APP_URL));
}

async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  if (await refusedCallback(req)) {
    const res = NextResponse.json({ error: { code: "invalid_callback_url", message: "callbackUrl must be a path or address of this site." } }, { status: 400 });
    for (const cookie of req.cookies.getAll()) if (CALLBACK_COOKIE.test(cookie.name)) res.cookies.delete(cookie.name);
    return res;
  }
  // Sign-ins and sign-outs are audited with the address they came from.
  return withAuditContext({ via: "session", viaId: null, source: clientAddressFrom(req.headers) || null, requestId: randomUUID() }, () => NextAuth(authOptions())(req, ctx));
}

export { handler as GET, handler as POST };
