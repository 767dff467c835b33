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

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="-mb-px flex min-w-0 gap-1 overflow-x-auto">
      {LINKS.map(({ href, label }) => {
        const active = pathname === href || (href !== "/" && pathname.startsWith(`${href}/`));
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`border-b-2 px-2.5 py-3.5 text-sm font-medium whitespace-nowrap ${
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
