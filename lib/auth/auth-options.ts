// next-auth: e-mail and password sign-in for the dashboard, JWT sessions in an HttpOnly cookie. Each cookie
// names a session that signing out ends (lib/services/users/dashboard-sessions.service.ts): a cookie copied
// before sign-out is refused after it, though its JWT has not expired.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { connectDb } from "@/lib/db/connection";
import { sameSiteRedirect } from "@/lib/auth/callback-path";
import { logger } from "@/lib/log/logger";
import { verifyPassword } from "@/lib/services/users/users.service";
import { closeSession, isSessionOpen, openSession } from "@/lib/services/users/dashboard-sessions.service";

const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          await connectDb();
          const user = await verifyPassword(credentials?.email ?? "", credentials?.password ?? "", clientAddressFrom(req.headers));
          return user ? { id: user._id.toString(), email: user.email, name: user.name ?? null } : null;
        },
      }),
    ],
    // next-auth's own messages as structured lines: its default logger prints values as they came (a
    // callbackUrl with a newline and a JSON object in it reads as one more log line).
    logger: {
      error: (code, metadata) => logger.error({ code, err: errorMessage(metadata) }, "next-auth error"),
      warn: (code) => logger.warn({ code }, "next-auth warning"),
      debug: () => {},
    },
    callbacks: {
      redirect: ({ url, baseUrl }) => sameSiteRedirect(url, baseUrl),
      async jwt({ token, user }) {
        await connectDb();
        if (user) return { ...token, uid: user.id, sid: await openSession(user.id, SESSION_MAX_AGE_S * 1000) };
        const { uid, sid } = token;
        if (typeof uid === "string" && typeof sid === "string" && (await isSessionOpen(uid, sid))) return token;
        // Signed out, or a cookie from before sessions could end: it names nobody from here on.
        return { sub: undefined, name: undefined, email: undefined, picture: undefined };
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: typeof token.uid === "string" ? token.uid : undefined } };
      },
    },
    events: {
      async signOut({ token }) {
        await connectDb();
        if (typeof token?.uid === "string" && typeof token.sid === "string") await closeSession(token.uid, token.sid);
      },
    },
  };
}

function errorMessage(metadata: unknown): string | undefined {
  const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
  return error instanceof Error ? error.message : undefined;
}
