import type { Metadata } from "next";
import { redirectIfSignedIn } from "@/lib/auth/require-session";
import { safeCallbackPath, signInPath } from "@/lib/auth/callback-path";
import { AuthPage } from "@/components/auth/auth-page";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
// Reads the session: rendered per request, never at build time (the build needs no configuration).
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const next = safeCallbackPath((await searchParams).callbackUrl);
  await redirectIfSignedIn(next);
  return (
    <AuthPage
      title="Sign in to Vaultline"
      lead="Credentials for your agents' tools, never shown to the agents."
      footer={{ text: "New to Vaultline?", href: signInPath(next, "/sign-up"), link: "Create an account" }}
    >
      <SignInForm callbackUrl={next} />
    </AuthPage>
  );
}
