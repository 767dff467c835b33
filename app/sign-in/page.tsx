import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/request-actor";
import { connectDb } from "@/lib/db/connection";
import { getUserById } from "@/lib/services/users/users.service";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
// Reads the session: rendered per request, never at build time (the build needs no configuration).
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  await connectDb();
  const actor = await sessionActor();
  // A session whose account is gone stays here (the dashboard would send it back: a loop).
  if (actor.kind === "user" && (await getUserById(actor.userId))) redirect("/");
  const { callbackUrl } = await searchParams;
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  const next = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-4 flex h-11 w-11 items-center justify-center rounded-xl bg-indigo-600 text-lg font-semibold text-white shadow-sm">
            V
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to Vaultline</h1>
          <p className="mt-2 text-sm text-balance text-zinc-600 dark:text-zinc-400">
            Credentials for your agents&apos; tools, never shown to the agents.
          </p>
        </div>
        <div className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <SignInForm callbackUrl={next} />
        </div>
        <p className="mt-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
          New to Vaultline?{" "}
          <Link href="/sign-up" className="font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400 dark:hover:text-indigo-300">
            Create an account
          </Link>
        </p>
      </div>
    </main>
  );
}
