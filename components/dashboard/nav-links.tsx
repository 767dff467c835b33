"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Home" },
  { href: "/credentials", label: "Credentials" },
  { href: "/budgets", label: "Budgets" },
  { href: "/tools", label: "Tools" },
  { href: "/integrations", label: "Integrations" },
  { href: "/settings/tokens", label: "API tokens" },
  { href: "/audit", label: "Audit" },
];

/** The main navigation: a row of tabs in the header, or (`menu`) a column of 44 px rows in the phone menu. */
export function NavLinks({ menu = false, onNavigate }: { menu?: boolean; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className={menu ? "flex flex-col py-1" : "-mb-px flex min-w-0 gap-1 overflow-x-auto"}>
      {LINKS.map(({ href, label }) => {
        const active = pathname === href || (href !== "/" && pathname.startsWith(`${href}/`));
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            onClick={onNavigate}
            className={`${menu ? "flex min-h-11 items-center border-l-2 px-4" : "border-b-2 px-2.5 py-3.5"} text-sm font-medium whitespace-nowrap ${
              active
                ? "border-indigo-600 text-zinc-900 dark:border-indigo-400 dark:text-zinc-100"
                : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
            }`}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
