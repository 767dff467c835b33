import { redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/request-actor";
import { getUserById } from "@/lib/services/users/users.service";
import { SignOutButton } from "@/components/sign-out-button";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const actor = await sessionActor();
  const user = actor.kind === "user" ? await getUserById(actor.userId) : null;
  if (!user) redirect("/sign-in");
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Vaultline</h1>
        <SignOutButton />
      </div>
      <p className="mt-4 text-zinc-600 dark:text-zinc-400">
        Signed in as <span className="font-medium text-zinc-900 dark:text-zinc-100">{user.email}</span>.
      </p>
      <section className="mt-8 rounded-2xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 className="font-medium">GraphQL API</h2>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          Manage tools, credentials, budgets and bindings at <code className="font-mono">/api/graphql</code> with a
          personal access token (<code className="font-mono whitespace-nowrap">npm run admin -- create-token</code>).
        </p>
      </section>
    </main>
  );
}
