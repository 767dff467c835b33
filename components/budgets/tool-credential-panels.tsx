import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { KeyIcon, WarningIcon } from "@/components/ui/icons";
import { setupPath } from "@/lib/services/warnings/warnings.service";
import { BindCredentialForm, type TCredentialOption } from "./bind-credential-form";

type TToolTarget = { budgetId: string; toolSlug: string; toolName: string; credentials: TCredentialOption[] };

/** The credential a budget's tool uses, the picker that changes it, and the link to a new one. */
export function BoundCredentialPanel({ budgetId, toolSlug, toolName, credentials, bound }: TToolTarget & { bound: TCredentialOption }) {
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-zinc-50 p-3 md:flex-row md:items-center dark:border-zinc-800 dark:bg-zinc-950/40">
      <div className="flex min-w-0 flex-1 items-center gap-2.5">
        <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded-md bg-emerald-100 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300">
          <KeyIcon />
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium">
            <span className="sr-only">Bound credential: </span>
            {bound.name}
          </p>
          <p className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{bound.masked}</p>
        </div>
        <NewCredentialLink budgetId={budgetId} toolSlug={toolSlug} toolName={toolName} className="md:hidden" />
      </div>
      <div className="flex items-center gap-3 md:w-[30rem]">
        <div className="min-w-0 flex-1">
          <BindCredentialForm budgetId={budgetId} toolSlug={toolSlug} toolName={toolName} credentials={credentials} boundId={bound.id} />
        </div>
        <NewCredentialLink budgetId={budgetId} toolSlug={toolSlug} toolName={toolName} className="hidden md:inline" />
      </div>
    </div>
  );
}

/** A tool with no credential bound: calls fail until one is; set one up, or bind one already saved. */
export function MissingCredentialPanel({ budgetId, toolSlug, toolName, credentials }: TToolTarget) {
  return (
    <div className="rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-900 dark:bg-amber-950/40">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <p className="flex min-w-0 flex-1 items-start gap-2 text-sm text-amber-900 dark:text-amber-200">
          <WarningIcon className="mt-0.5 h-4 w-4 shrink-0 text-amber-600 dark:text-amber-400" />
          <span>
            <strong className="font-semibold">Missing credential.</strong> Calls to this tool fail until one is bound.
          </span>
        </p>
        <ButtonLink href={setupPath(budgetId, toolSlug)} size="sm" className="self-start sm:self-auto" aria-label={`Set up a ${toolName} credential`}>
          Set up
        </ButtonLink>
      </div>
      {credentials.length ? (
        <div className="mt-3 border-t border-amber-200 pt-3 dark:border-amber-900/60">
          <p className="mb-1.5 text-xs text-amber-900 dark:text-amber-200">Or use one you already have:</p>
          <div className="sm:max-w-md">
            <BindCredentialForm budgetId={budgetId} toolSlug={toolSlug} toolName={toolName} credentials={credentials} boundId={null} />
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** The setup link for another credential of the tool (shown in one of two places, by screen width). */
function NewCredentialLink({ budgetId, toolSlug, toolName, className }: { budgetId: string; toolSlug: string; toolName: string; className: string }) {
  return (
    <Link
      href={setupPath(budgetId, toolSlug)}
      className={`shrink-0 rounded text-xs font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-400 ${className}`}
      aria-label={`New ${toolName} credential`}
    >
      New credential
    </Link>
  );
}
