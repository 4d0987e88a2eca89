"use client";
import { useState, useTransition } from "react";
import { createTokenAction, revokeTokenAction } from "@/app/(console)/admin/users/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { toastResult } from "@/components/ui/toast";
import { SecretOnce } from "./secret-once";

export interface TokenRow {
  id: number;
  username: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
  userDisabled?: boolean;
}

const EXPIRY_CHOICES = [
  { value: "", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In 365 days" },
];

function Expiry({ iso }: { iso: string | null }) {
  if (!iso) return <>never</>;
  const expired = new Date(iso).getTime() <= Date.now();
  return expired ? <span className="text-red-700 dark:text-red-400">expired <Time value={iso} /></span> : <Time value={iso} />;
}

export function TokensSection({ tokens, users }: { tokens: TokenRow[]; users: { id: number; username: string }[] }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  // onSubmit, not <form action>: React resets the form after an action, losing what was typed on a refusal.
  const create = (form: HTMLFormElement) => {
    setError(null);
    startTransition(async () => {
      const result = await createTokenAction(Object.fromEntries(new FormData(form)));
      if (!result.ok) return setError(result.error);
      form.reset();
      setCreated(result.value?.token ?? null);
    });
  };
  const revoke = (t: TokenRow) =>
    startTransition(async () => {
      toastResult(await revokeTokenAction({ tokenId: t.id }), `Token ${t.name} revoked`);
    });
  return (
    <section aria-labelledby="tokens" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="tokens" className="font-semibold">API tokens</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Send a token in the <code className="font-mono">ph-auth-token</code> header. It acts with its user&apos;s role and is shown once.
      </p>
      <form onSubmit={(e) => { e.preventDefault(); create(e.currentTarget); }} className="grid gap-3 sm:grid-cols-4 sm:items-end">
        <Field label="User" htmlFor="token-user">
          <Select id="token-user" name="userId">
            {users.map((u) => (
              <option key={u.id} value={u.id}>{u.username}</option>
            ))}
          </Select>
        </Field>
        <Field label="Token name" htmlFor="token-name">
          <Input id="token-name" name="name" placeholder="e.g. SIEM forwarder" required />
        </Field>
        <Field label="Expires" htmlFor="token-expiry">
          <Select id="token-expiry" name="expiresDays" defaultValue="">
            {EXPIRY_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>{c.label}</option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={pending}>Create token</Button>
      </form>
      {error && <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">{error}</p>}
      {created && <SecretOnce label="New API token" value={created} />}
      <div className="mt-4 overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="border-b border-slate-200 text-left text-xs uppercase text-slate-500 dark:border-slate-800">
            <tr>
              <th className="py-2 pr-4 font-medium">Name</th>
              <th className="py-2 pr-4 font-medium">User</th>
              <th className="py-2 pr-4 font-medium">Token</th>
              <th className="py-2 pr-4 font-medium">Created</th>
              <th className="py-2 pr-4 font-medium">Last used</th>
              <th className="py-2 pr-4 font-medium">Expires</th>
              <th className="py-2" />
            </tr>
          </thead>
          <tbody>
            {tokens.length === 0 && (
              <tr>
                <td colSpan={7} className="py-3 text-slate-500">No API tokens yet.</td>
              </tr>
            )}
            {tokens.map((t) => (
              <tr key={t.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-token-name={t.name}>
                <td className="py-2 pr-4">{t.name}</td>
                <td className="py-2 pr-4">{t.username}{t.userDisabled && <span className="ml-1.5 rounded bg-red-100 px-1.5 text-xs text-red-800 dark:bg-red-900/50 dark:text-red-200">user disabled</span>}</td>
                <td className="py-2 pr-4 font-mono text-xs">{t.prefix}…</td>
                <td className="py-2 pr-4"><Time value={t.createdAt} /></td>
                <td className="py-2 pr-4">{t.lastUsedAt ? <Time value={t.lastUsedAt} /> : "never"}</td>
                <td className="py-2 pr-4"><Expiry iso={t.expiresAt} /></td>
                <td className="py-2 text-right">
                  {t.revokedAt ? (
                    <span className="text-slate-500">Revoked</span>
                  ) : (
                    <ConfirmDialog
                      title={`Revoke token ${t.name}?`}
                      description={<>Scripts using <span className="font-mono">{t.prefix}…</span> (of {t.username}) stop working at once. This cannot be undone: a new token would be needed.</>}
                      confirmLabel="Revoke token"
                      onConfirm={() => revoke(t)}
                      trigger={<Button variant="secondary" disabled={pending}>Revoke</Button>}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
