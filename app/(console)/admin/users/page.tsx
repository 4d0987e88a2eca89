import type { Metadata } from "next";
import Link from "next/link";
import { NewUserForm } from "@/components/admin/new-user-form";
import { TokensSection } from "@/components/admin/tokens-section";
import { UsersTable } from "@/components/admin/users-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { listApiTokens } from "@/lib/domain/api-tokens";
import { listUsers } from "@/lib/domain/users";

export const metadata: Metadata = { title: "Users · Administration" };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export default async function UsersPage() {
  const admin = await requirePage("admin.users");
  const [users, tokens] = await Promise.all([listUsers(), listApiTokens()]);
  return (
    <>
      <PageHeader
        title="Administration"
        description="Users, roles and API tokens."
        actions={<nav className="flex gap-3 text-sm"><Link className="text-brand-700 underline dark:text-brand-300" href="/admin/webhooks">Inbound webhooks</Link><Link className="text-brand-700 underline dark:text-brand-300" href="/admin/sla">SLA settings</Link><Link className="text-brand-700 underline dark:text-brand-300" href="/admin/notifications">Notification settings</Link></nav>}
      />
      <div className="space-y-6">
        <NewUserForm />
        <UsersTable
          selfId={admin.id}
          users={users.map((u) => ({ id: u.id, username: u.username, name: u.name, role: u.role, disabled: u.disabled, lastLoginAt: iso(u.lastLoginAt) }))}
        />
        <TokensSection
          users={users.filter((u) => !u.disabled).map((u) => ({ id: u.id, username: u.username }))}
          tokens={tokens.map((t) => ({
            ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt), expiresAt: iso(t.expiresAt),
            // A disabled user's tokens stop working; the list says so next to the user.
            userDisabled: users.some((u) => u.id === t.userId && u.disabled),
          }))}
        />
      </div>
    </>
  );
}
