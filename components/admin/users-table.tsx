"use client";
import { useState } from "react";
import { setDisabledAction, setRoleAction } from "@/app/(console)/admin/users/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Time } from "@/components/ui/time";
import { useActionToast } from "@/components/ui/toast";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { neutralizeBidi } from "@/lib/words";
import { ResetPassword } from "./reset-password";
import { SecretOnce } from "./secret-once";

export interface UserRow {
  id: number;
  username: string;
  name: string;
  role: Role;
  disabled: boolean;
  lastLoginAt: string | null;
}

export function UsersTable({ users, selfId }: { users: UserRow[]; selfId: number }) {
  const { pending, run } = useActionToast();
  const [generated, setGenerated] = useState<{ username: string; password: string } | null>(null);
  // Making someone an administrator hands them every user and token: it is asked for first.
  const [promoting, setPromoting] = useState<UserRow | null>(null);
  const setRole = (u: UserRow, role: Role) => run(() => setRoleAction({ userId: u.id, role }), `${neutralizeBidi(u.username)} is now ${ROLE_LABELS[role]}`);
  return (
    <section aria-labelledby="users" className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <h2 id="users" className="px-4 pt-4 font-semibold">Users</h2>
      {generated && (
        <p role="status" className="px-4 pt-2 text-sm">
          New password of <strong>{generated.username}</strong>:
          <SecretOnce label="Generated password" value={generated.password} />
        </p>
      )}
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
              <td className="whitespace-nowrap px-4 py-2 font-medium"><bdi>{neutralizeBidi(u.username)}</bdi></td>
              <td className="px-4 py-2"><bdi>{neutralizeBidi(u.name)}</bdi></td>
              <td className="px-4 py-2">
                <select
                  aria-label={`Role of ${u.username}`}
                  value={u.role}
                  disabled={pending}
                  onChange={(e) => {
                    const role = e.target.value as Role;
                    if (role === "administrator") setPromoting(u);
                    else setRole(u, role);
                  }}
                  className="rounded border border-slate-300 bg-white px-1.5 py-1 dark:border-slate-600 dark:bg-slate-800"
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>{ROLE_LABELS[r]}</option>
                  ))}
                </select>
              </td>
              <td className="whitespace-nowrap px-4 py-2 text-slate-600 dark:text-slate-400">
                {u.lastLoginAt ? <Time value={u.lastLoginAt} /> : "never"}
              </td>
              <td className="px-4 py-2">
                {u.disabled ? <span className="text-red-700 dark:text-red-400">Disabled</span> : <span className="text-emerald-700 dark:text-emerald-400">Active</span>}
              </td>
              <td className="px-4 py-2">
                <div className="flex justify-end gap-2 whitespace-nowrap">
                  {u.id !== selfId && u.role !== "automation" && !u.disabled && (
                    <ResetPassword userId={u.id} username={u.username} onGenerated={(username, password) => setGenerated({ username, password })} />
                  )}
                  {u.id !== selfId && (u.disabled ? (
                    <Button variant="secondary" disabled={pending} onClick={() => run(() => setDisabledAction({ userId: u.id, disabled: false }), `${u.username} enabled`)}>
                      Enable
                    </Button>
                  ) : (
                    <ConfirmDialog
                      title={`Disable ${u.username}?`}
                      description={<>{u.username} is signed out at once and cannot sign in; their API tokens stop working. You can enable the account again later.</>}
                      confirmLabel="Disable user"
                      onConfirm={() => run(() => setDisabledAction({ userId: u.id, disabled: true }), `${u.username} disabled`)}
                      trigger={<Button variant="danger" disabled={pending}>Disable</Button>}
                    />
                  ))}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={promoting !== null}
        onOpenChange={(open) => { if (!open) setPromoting(null); }}
        title={`Make ${neutralizeBidi(promoting?.username ?? "")} an administrator?`}
        description={<>An administrator manages every user, role and API token and changes system settings. Only do this for someone who runs Vigil.</>}
        confirmLabel="Make administrator"
        onConfirm={() => { if (promoting) setRole(promoting, "administrator"); setPromoting(null); }}
      />
    </section>
  );
}
