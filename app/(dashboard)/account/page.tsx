import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSession } from "@/lib/auth/require-session";
import { getUserById } from "@/lib/services/users/users.service";
import { countOpenSessions } from "@/lib/services/users/dashboard-sessions.service";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AccountNameForm } from "@/components/account/account-name-form";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { OtherSessionsForm } from "@/components/account/other-sessions-form";

export const metadata: Metadata = { title: "Account" };

/** The signed-in person's own account: name, e-mail, password, other sessions. */
export default async function AccountPage() {
  const actor = await requireSession();
  const [user, open] = await Promise.all([getUserById(actor.userId), countOpenSessions(actor.userId)]);
  if (!user) notFound();
  return (
    <>
      <PageHeader title="Account" description="Your name, your password and where you are signed in." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Profile" description={<>Signed in as <span className="font-medium text-zinc-900 dark:text-zinc-100">{user.email}</span>. The e-mail is how you sign in; it cannot be changed here.</>} />
          <div className="px-5 py-5">
            <AccountNameForm name={user.name ?? ""} />
          </div>
        </Card>
        <Card>
          <CardHeader title="Password" description="Changing it signs you out everywhere else." />
          <div className="px-5 py-5">
            <ChangePasswordForm />
          </div>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader title="Sessions" description="Each browser you signed in from is a session; signing out ends it." />
          <div className="px-5 py-5">
            <OtherSessionsForm others={Math.max(0, open - 1)} />
          </div>
        </Card>
      </div>
    </>
  );
}
