"use client";

import { Button, ButtonLink } from "@/components/ui/button";
import { WarningIcon } from "@/components/ui/icons";
import { cardClass } from "@/components/ui/styles";

/** Shown when a dashboard page fails to render; the cause is logged on the server, never shown here. */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className={`${cardClass} mx-auto max-w-md px-6 py-10 text-center`}>
      <span className="mx-auto flex h-10 w-10 items-center justify-center rounded-full bg-red-50 text-red-600 dark:bg-red-950/60 dark:text-red-400">
        <WarningIcon className="h-5 w-5" />
      </span>
      <h1 className="mt-4 text-lg font-semibold">This page could not load</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Something went wrong on our side. Try again in a moment.
        {error.digest ? (
          <>
            {" "}
            If it keeps happening, quote reference <code className="font-mono">{error.digest}</code>.
          </>
        ) : null}
      </p>
      <div className="mt-6 flex justify-center gap-2">
        <Button onClick={reset}>Try again</Button>
        <ButtonLink href="/credentials" variant="secondary">
          Back to credentials
        </ButtonLink>
      </div>
    </div>
  );
}
