import type { ReactNode } from "react";
import Link from "next/link";

/** The frame of the sign-in and sign-up pages: the mark, a title and a lead, the form, a link to the other page. */
export function AuthPage(props: { title: string; lead: string; children: ReactNode; footer: { text: string; href: string; link: string } }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-4 flex h-11 w-11 items-center justify-center rounded-xl bg-indigo-600 text-lg font-semibold text-white shadow-sm">
            V
          </div>
          <h1 className="text-2xl font-semibold tracking-tight">{props.title}</h1>
          <p className="mt-2 text-sm text-balance text-zinc-600 dark:text-zinc-400">{props.lead}</p>
        </div>
        <div className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">{props.children}</div>
        <p className="mt-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
          {props.footer.text}{" "}
          <Link
            href={props.footer.href}
            className="font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400 dark:hover:text-indigo-300"
          >
            {props.footer.link}
          </Link>
        </p>
      </div>
    </main>
  );
}
