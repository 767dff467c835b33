// The id of the dashboard session making this request (the `sid` its cookie's JWT names), for "sign out
// of other sessions": the session asking stays open. Read from the cookie on the server; never sent to
// the browser.
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";

export async function currentSessionId(): Promise<string | null> {
  const jar = await cookies();
  // getToken reads only the request's cookies (and an Authorization header, which this one has none of).
  const token = await getToken({ req: { cookies: jar, headers: new Headers() } as unknown as NextRequest, secret: env().NEXTAUTH_SECRET });
  return typeof token?.sid === "string" ? token.sid : null;
}
