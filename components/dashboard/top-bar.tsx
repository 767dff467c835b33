import Link from "next/link";
import { NavLinks } from "./nav-links";
import { PhoneMenu } from "./phone-menu";
import { WarningIcon } from "@/components/ui/icons";
import { SignOutButton } from "@/components/sign-out-button";

/** One row at every width: the logo, the navigation (under a menu button on phones), warnings, the account. */
export function TopBar({ displayName, warningCount }: { displayName: string; warningCount: number }) {
  return (
    <header className="sticky top-0 z-40 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <div className="relative mx-auto flex max-w-6xl items-center gap-x-4 px-4 sm:px-6">
        <Link href="/" className="flex min-h-11 shrink-0 items-center gap-2 py-1.5 font-semibold sm:py-3">
          <span className="flex h-7 w-7 items-center justify-center rounded-lg bg-indigo-600 text-sm text-white" aria-hidden="true">
            V
          </span>
          <span>Vaultline</span>
        </Link>
        <div className="hidden min-w-0 sm:block">
          <NavLinks />
        </div>
        <div className="ml-auto flex shrink-0 items-center gap-2 py-1.5 sm:gap-3 sm:py-2">
          <Link
            href="/warnings"
            className={`inline-flex min-h-11 min-w-11 items-center justify-center gap-1.5 rounded-lg px-2.5 text-sm font-medium sm:min-h-0 sm:py-1.5 ${
              warningCount
                ? "bg-amber-50 text-amber-900 ring-1 ring-amber-200 hover:bg-amber-100 dark:bg-amber-950/60 dark:text-amber-200 dark:ring-amber-900"
                : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
            }`}
            aria-label={warningCount ? `${warningCount} warning${warningCount > 1 ? "s" : ""}: missing credentials` : "No warnings"}
          >
            <WarningIcon />
            <span>{warningCount}</span>
          </Link>
          <Link
            href="/account"
            className="hidden max-w-48 truncate rounded-lg px-1.5 py-1.5 text-sm text-zinc-600 hover:text-zinc-900 hover:underline sm:inline dark:text-zinc-400 dark:hover:text-zinc-100"
            title={`Account: ${displayName}`}
          >
            {displayName}
          </Link>
          <div className="hidden sm:block">
            <SignOutButton />
          </div>
          <PhoneMenu displayName={displayName} />
        </div>
      </div>
    </header>
  );
}
