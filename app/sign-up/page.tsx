import type { Metadata } from "next";
import { redirectIfSignedIn } from "@/lib/auth/require-session";
import { AuthPage } from "@/components/auth/auth-page";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };
// Reads the session: rendered per request, never at build time (the build needs no configuration).
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  await redirectIfSignedIn();
  return (
    <AuthPage
      title="Create your account"
      lead="Keep your agents' API keys encrypted and out of their prompts."
      footer={{ text: "Already have an account?", href: "/sign-in", link: "Sign in" }}
    >
      <SignUpForm />
    </AuthPage>
  );
}
