// Next.js's proxy (formerly middleware), on every page:
// - A Content-Security-Policy with a fresh nonce per response: only scripts carrying it run (Next.js reads
//   the nonce from the policy on the request and puts it on its own scripts), and what they load is
//   trusted through 'strict-dynamic'. An injected <script> has no nonce, so a markup injection cannot run
//   code. Pages are rendered per request (app/layout.tsx), as a nonce must be.
// - Tells the server components which page was asked for, so that a signed-out visit to a deep link (a
//   setup link from an agent's error, above all) goes to the sign-in page with that link as its
//   destination (lib/auth/require-session.ts). Server components cannot read the request's URL themselves.
//   It only adds headers: who is signed in is decided by the pages.
import { NextResponse, type NextRequest } from "next/server";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/callback-path";
import { contentSecurityPolicy } from "@/lib/auth/content-security-policy";

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set(REQUESTED_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: not the API or Next.js's assets; prefetches carry no page of their own.
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon|icon).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
