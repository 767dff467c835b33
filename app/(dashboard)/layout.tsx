import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { requireSession, signInHere } from "@/lib/auth/require-session";
import { getUserById } from "@/lib/services/users/users.service";
import { listWarnings } from "@/lib/services/warnings/warnings.service";
import { TopBar } from "@/components/dashboard/top-bar";
import { NoticeProvider } from "@/components/ui/notices";

// Every page here reads the signed-in user's data: never prerendered, never cached.
export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await requireSession();
  const [user, warnings] = await Promise.all([getUserById(actor.userId), listWarnings(actor)]);
  if (!user) redirect(await signInHere());
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow dark:focus:bg-zinc-900">
        Skip to content
      </a>
      <TopBar displayName={user.name || user.email} warningCount={warnings.length} />
      <NoticeProvider>
        <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
          {children}
        </main>
      </NoticeProvider>
    </div>
  );
}
