"use client";

import { useRef, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormError } from "@/components/ui/form-error";
import { FormField, describedBy } from "@/components/ui/form-field";
import { CheckIcon, PlusIcon } from "@/components/ui/icons";
import { inputClass } from "@/components/ui/styles";
import type { TActionError } from "@/lib/actions/run-action";
import { createAccessTokenAction, type TCreatedAccessToken } from "@/lib/actions/tokens/create-access-token";

export function CreateTokenForm({ graphqlUrl }: { graphqlUrl: string }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<TActionError | null>(null);
  const [created, setCreated] = useState<TCreatedAccessToken | null>(null);
  const [pending, startTransition] = useTransition();
  const inputRef = useRef<HTMLInputElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await createAccessTokenAction(null, form);
      if (result.ok) {
        setError(null);
        setName("");
        setCreated({ token: result.token, accessToken: result.accessToken });
        requestAnimationFrame(() => panelRef.current?.focus());
      } else {
        setError(result.error);
        requestAnimationFrame(() => inputRef.current?.focus());
      }
    });
  }

  const nameErrors = error?.fieldErrors?.name;
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-start lg:max-w-3xl">
        <div className="min-w-0 flex-1">
          <FormField id="token-name" label="Token name" required help="Where it will be used, e.g. “CI deploy” or “Billing sync”." errors={nameErrors}>
            <input
              ref={inputRef}
              id="token-name"
              name="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="CI deploy"
              maxLength={100}
              autoComplete="off"
              aria-invalid={nameErrors?.length ? true : undefined}
              aria-describedby={describedBy("token-name")}
              className={inputClass}
              required
            />
          </FormField>
        </div>
        <Button type="submit" disabled={pending} aria-disabled={pending} className="sm:mt-7">
          <PlusIcon />
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      {error && !nameErrors?.length ? (
        <div className="px-5">
          <FormError message={error.message} />
        </div>
      ) : null}

      {created ? (
        <div
          ref={panelRef}
          tabIndex={-1}
          role="region"
          aria-labelledby="new-token-heading"
          className="mx-5 mb-5 rounded-xl border border-emerald-300 bg-emerald-50 p-4 outline-none focus-visible:ring-2 focus-visible:ring-emerald-500/40 sm:p-5 dark:border-emerald-800 dark:bg-emerald-950/40"
        >
          <div className="flex items-start gap-3">
            <span className="mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-emerald-600 text-white">
              <CheckIcon className="h-4 w-4" />
            </span>
            <div className="min-w-0 flex-1">
              <h3 id="new-token-heading" className="text-sm font-semibold text-emerald-950 dark:text-emerald-100">
                “{created.accessToken.name}” is ready. Copy it now.
              </h3>
              <p className="mt-1 text-sm text-emerald-900 dark:text-emerald-200">
                This is the only time the token is shown: Vaultline keeps a hash of it, not the token.
              </p>
            </div>
          </div>

          <div className="mt-4 flex flex-col gap-2 sm:flex-row sm:items-center">
            <label htmlFor="new-token-value" className="sr-only">
              New token
            </label>
            <input
              id="new-token-value"
              readOnly
              value={created.token}
              onFocus={(e) => e.currentTarget.select()}
              className={`${inputClass} font-mono text-xs sm:text-sm`}
              spellCheck={false}
            />
            <CopyButton value={created.token} label="Copy token" />
          </div>

          <div className="mt-4">
            <div className="flex items-center justify-between gap-2">
              <p className="text-xs font-medium text-emerald-950 dark:text-emerald-100">Try it</p>
              <CopyButton value={curlExample(graphqlUrl, created.token)} label="Copy command" />
            </div>
            <pre className="mt-2 overflow-x-auto rounded-lg bg-zinc-950 p-3 font-mono text-xs leading-relaxed text-zinc-100 dark:bg-black/60">
              <code>{curlExample(graphqlUrl, created.token)}</code>
            </pre>
          </div>

          <div className="mt-4 flex justify-end">
            <Button variant="secondary" size="sm" onClick={() => setCreated(null)}>
              I&apos;ve copied it
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function curlExample(url: string, token: string): string {
  return [
    `curl ${url} \\`,
    `  -H "Authorization: Bearer ${token}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"query":"{ viewer { email } tools { slug name } }"}'`,
  ].join("\n");
}
