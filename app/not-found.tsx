import type { Metadata } from "next";
import Link from "next/link";
import { NotFoundCard } from "@/components/ui/not-found-card";

export const metadata: Metadata = { title: "Not found" };

/** Any address no route serves, signed in or not. */
export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen flex-col items-center justify-center gap-8 px-4 py-12">
      <Link href="/" className="flex items-center gap-2 font-semibold">
        <span className="flex h-7 w-7 items-center justify-center rounded-lg bg-indigo-600 text-sm text-white" aria-hidden="true">
          V
        </span>
        Vaultline
      </Link>
      <NotFoundCard what="Page" back={{ href: "/", label: "Go to the home page" }} />
    </main>
  );
}
