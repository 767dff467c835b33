import type { Metadata } from "next";
import { redirectIfSignedIn } from "@/lib/auth/require-session";
import { safeCallbackPath, signInPath } from "@/lib/auth/callback-path";
import { AuthPage } from "@/components/auth/auth-page";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };
// Reads the session: rendered per request, never at build time (the build needs no configuration).
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  // Someone sent here from a deep link (a setup link) goes on to it once the account exists.
  const next = safeCallbackPath((await searchParams).callbackUrl);
  await redirectIfSignedIn(next);
  return (
    <AuthPage
      title="Create your account"
      lead="Keep your agents' API keys encrypted and out of their prompts."
      footer={{ text: "Already have an account?", href: signInPath(next), link: "Sign in" }}
    >
      <SignUpForm callbackUrl={next} />
    </AuthPage>
  );
}
