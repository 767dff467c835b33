"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { usePathname } from "next/navigation";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "@/components/sign-out-button";

/**
 * On a phone the header keeps one row: the navigation, the account and sign-out open under a menu button
 * (a disclosure: Escape closes it and gives focus back to the button).
 */
export function PhoneMenu({ displayName }: { displayName: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <div className="sm:hidden">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="phone-menu"
        onClick={() => setOpen((v) => !v)}
        className="inline-flex h-11 min-w-11 items-center justify-center rounded-lg border border-zinc-300 px-3 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        {open ? "Close" : "Menu"}
      </button>
      {/* Rendered only while open: a closed menu holds no second copy of the navigation. */}
      <div id="phone-menu" hidden={!open} className="absolute inset-x-0 top-full border-b border-zinc-200 bg-white shadow-lg dark:border-zinc-800 dark:bg-zinc-950">
        {open ? (
          <>
        <NavLinks menu onNavigate={() => setOpen(false)} />
        <div className="flex items-center justify-between gap-3 border-t border-zinc-200 px-4 py-2 dark:border-zinc-800">
          <Link href="/account" onClick={() => setOpen(false)} className="inline-flex min-h-11 min-w-0 items-center truncate text-sm font-medium">
            Account: {displayName}
          </Link>
          <SignOutButton />
        </div>
          </>
        ) : null}
      </div>
    </div>
  );
}
