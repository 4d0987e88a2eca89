"use client";
import { useState, useTransition } from "react";
import { setDisabledAction, setRoleAction } from "@/app/(console)/admin/users/actions";
import { Button } from "@/components/ui/button";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";

export interface UserRow {
  id: number;
  username: string;
  name: string;
  role: Role;
  disabled: boolean;
  lastLoginAt: string | null;
}

export function UsersTable({ users, selfId }: { users: UserRow[]; selfId: number }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const act = (fn: () => Promise<{ ok: boolean; error?: string }>) => {
    setError(null);
    startTransition(async () => {
      const result = await fn();
      if (!result.ok) setError(result.error ?? "failed");
    });
  };
  return (
    <section aria-labelledby="users" className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <h2 id="users" className="px-4 pt-4 font-semibold">Users</h2>
      {error && <p role="alert" className="px-4 pt-2 text-sm text-red-700 dark:text-red-400">{error}</p>}
      <table className="mt-2 w-full text-sm">
        <thead className="border-b border-slate-200 text-left text-xs uppercase text-slate-500 dark:border-slate-800">
          <tr>
            <th className="px-4 py-2 font-medium">Username</th>
            <th className="px-4 py-2 font-medium">Name</th>
            <th className="px-4 py-2 font-medium">Role</th>
            <th className="px-4 py-2 font-medium">Last sign-in</th>
            <th className="px-4 py-2 font-medium">Status</th>
            <th className="px-4 py-2" />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-username={u.username}>
              <td className="px-4 py-2 font-medium">{u.username}</td>
              <td className="px-4 py-2">{u.name}</td>
              <td className="px-4 py-2">
                <select
                  aria-label={`Role of ${u.username}`}
                  value={u.role}
                  disabled={pending}
                  onChange={(e) => act(() => setRoleAction({ userId: u.id, role: e.target.value }))}
                  className="rounded border border-slate-300 bg-white px-1.5 py-1 dark:border-slate-600 dark:bg-slate-800"
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>{ROLE_LABELS[r]}</option>
                  ))}
                </select>
              </td>
              <td className="px-4 py-2 text-slate-600 dark:text-slate-400">
                {u.lastLoginAt ? new Date(u.lastLoginAt).toLocaleString("en-GB") : "never"}
              </td>
              <td className="px-4 py-2">
                {u.disabled ? <span className="text-red-700 dark:text-red-400">Disabled</span> : <span className="text-emerald-700 dark:text-emerald-400">Active</span>}
              </td>
              <td className="px-4 py-2 text-right">
                {u.id !== selfId && (
                  <Button variant={u.disabled ? "secondary" : "danger"} disabled={pending} onClick={() => act(() => setDisabledAction({ userId: u.id, disabled: !u.disabled }))}>
                    {u.disabled ? "Enable" : "Disable"}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
