import Link from "next/link";
import { ChevronLeftIcon } from "@/components/ui/icons";

/** The link above a page's title to the list it belongs to: one style on every page. */
export function BackLink({ href, children }: { href: string; children: string }) {
  return (
    <Link href={href} className="inline-flex min-h-6 items-center gap-1 rounded text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
      <ChevronLeftIcon /> {children}
    </Link>
  );
}
