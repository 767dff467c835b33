"use client";

import { useRef, useState, useTransition, type FormEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField, describedBy } from "@/components/ui/form-field";
import { TextField } from "@/components/ui/text-field";
import { SecretInput } from "@/components/ui/secret-input";
import type { TActionError } from "@/lib/actions/run-action";
import { signUpAction } from "@/lib/actions/users/sign-up";
import { signInPath } from "@/lib/auth/callback-path";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<TActionError | null>(null);
  const [signInFailed, setSignInFailed] = useState(false);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSignInFailed(false);
    // Read from the form, not from React state: a controlled input would copy the password into the
    // DOM's value attribute. Uncontrolled inputs keep what was typed when the action answers an error.
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    startTransition(async () => {
      const result = await signUpAction(null, form);
      if (!result.ok) {
        setError(result.error);
        requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
        return;
      }
      setError(null);
      const signedIn = await signIn("credentials", { email, password, redirect: false });
      if (signedIn?.ok && !signedIn.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      setSignInFailed(true);
    });
  }

  const errors = error?.fieldErrors ?? {};
  const formMessage = error && !Object.keys(errors).length ? error.message : null;
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate>
      <TextField
        id="email"
        label="E-mail"
        required
        errors={errors.email}
        name="email"
        type="email"
        autoComplete="email"
      />
      <FormField id="password" label="Password" required help="At least 10 characters." errors={errors.password}>
        <SecretInput
          id="password"
          name="password"
          autoComplete="new-password"
          aria-label="Password"
          aria-invalid={errors.password?.length ? true : undefined}
          aria-describedby={describedBy("password")}
          minLength={10}
          required
        />
      </FormField>
      <TextField
        id="name"
        label="Name"
        help="How we greet you. You can leave it empty."
        errors={errors.name}
        name="name"
        autoComplete="name"
        maxLength={100}
      />
      {formMessage ? (
        <div className="space-y-1">
          <FormError message={formMessage} />
          {error?.code === "conflict" ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              <Link href={signInPath(callbackUrl)} className="font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400">
                Sign in instead
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {signInFailed ? (
        <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
          Your account is ready, but signing in did not work.{" "}
          <Link href={signInPath(callbackUrl)} className="font-medium underline underline-offset-2">
            Sign in
          </Link>
        </p>
      ) : null}
      <Button type="submit" disabled={pending} aria-disabled={pending} className="w-full">
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
