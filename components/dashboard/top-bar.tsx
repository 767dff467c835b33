import Link from "next/link";
import { NavLinks } from "./nav-links";
import { WarningIcon } from "@/components/ui/icons";
import { SignOutButton } from "@/components/sign-out-button";

export function TopBar({ email, warningCount }: { email: string; warningCount: number }) {
  return (
    <header className="sticky top-0 z-40 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 px-4 sm:flex-nowrap sm:px-6">
        <Link href="/" className="flex shrink-0 items-center gap-2 py-3 font-semibold">
          <span className="flex h-7 w-7 items-center justify-center rounded-lg bg-indigo-600 text-sm text-white" aria-hidden="true">
            V
          </span>
          <span className="sr-only sm:not-sr-only">Vaultline</span>
        </Link>
        {/* On a phone the navigation takes a row of its own under the logo and account controls. */}
        <div className="order-last w-full sm:order-none sm:w-auto sm:min-w-0">
          <NavLinks />
        </div>
        <div className="ml-auto flex shrink-0 items-center gap-3 py-2">
          <Link
            href="/warnings"
            className={`inline-flex items-center gap-1.5 rounded-lg px-2.5 py-1.5 text-sm font-medium ${
              warningCount
                ? "bg-amber-50 text-amber-900 ring-1 ring-amber-200 hover:bg-amber-100 dark:bg-amber-950/60 dark:text-amber-200 dark:ring-amber-900"
                : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
            }`}
            aria-label={warningCount ? `${warningCount} warning${warningCount > 1 ? "s" : ""}: missing credentials` : "No warnings"}
          >
            <WarningIcon />
            <span>{warningCount}</span>
          </Link>
          <span className="hidden max-w-48 truncate text-sm text-zinc-600 lg:inline dark:text-zinc-400" title={email}>
            {email}
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
