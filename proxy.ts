// Next.js's proxy (formerly middleware): tells the server components which page was asked for, so that a
// signed-out visit to a deep link (a setup link from an agent's error, above all) goes to the sign-in page
// with that link as its destination (lib/auth/require-session.ts). Server components cannot read the URL
// of the request themselves. It only adds a header: who is signed in is decided by the pages.
import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/callback-path";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: not the API, Next.js's assets, or the sign-in and sign-up pages themselves.
  matcher: ["/((?!api/|_next/|sign-in|sign-up|favicon|icon).*)"],
};
