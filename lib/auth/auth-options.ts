// next-auth: e-mail and password sign-in for the dashboard, JWT sessions in an HttpOnly cookie.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { connectDb } from "@/lib/db/connection";
import { verifyPassword } from "@/lib/services/users/users.service";

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          await connectDb();
          const user = await verifyPassword(credentials?.email ?? "", credentials?.password ?? "");
          return user ? { id: user._id.toString(), email: user.email, name: user.name ?? null } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: typeof token.uid === "string" ? token.uid : undefined } };
      },
    },
  };
}
