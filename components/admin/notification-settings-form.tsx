"use client";
import Link from "next/link";
import { useState } from "react";
import { saveNotificationSettingsAction } from "@/app/(console)/admin/notifications/actions";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useActionToast } from "@/components/ui/toast";

export function NotificationSettingsForm({ smtpAssetId, atRiskPercent, smtpAssets }: {
  smtpAssetId: number | null; atRiskPercent: number; smtpAssets: { id: number; name: string }[];
}) {
  const { pending, run } = useActionToast();
  const [asset, setAsset] = useState(smtpAssetId === null ? "" : String(smtpAssetId));
  const [percent, setPercent] = useState(String(atRiskPercent));
  return (
    <form className="max-w-xl space-y-5" onSubmit={(e) => {
      e.preventDefault();
      run(() => saveNotificationSettingsAction({ smtpAssetId: asset ? Number(asset) : null, atRiskPercent: Number(percent) }), "Notification settings saved");
    }}>
      <label className="block text-sm">
        <span className="font-semibold">Send email notifications through</span>
        <select className={`${inputClass} mt-1 w-72`} value={asset} onChange={(e) => setAsset(e.target.value)}>
          <option value="">no email (the bell only)</option>
          {smtpAssets.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
        <span className="mt-1 block text-slate-600 dark:text-slate-400">
          {smtpAssets.length ? "Each mail, as text and as HTML, is an email action run on this asset (send htmlemail), retried by the job runner." : <>No SMTP asset yet: <Link className="link" href="/apps">configure one</Link>.</>}
        </span>
      </label>
      <label className="block text-sm">
        <span className="font-semibold">SLA at risk at (% of the SLA used)</span>
        <input type="number" min={1} max={99} required className={`${inputClass} mt-1 w-32`} value={percent} onChange={(e) => setPercent(e.target.value)} />
        <span className="mt-1 block text-slate-600 dark:text-slate-400">Owners of events, tasks, phases and approvals are told once when their clock passes this share, and the SLA dashboard counts the event at risk from then. The default: a severity can set its own on the <Link className="link" href="/admin/sla">SLA settings</Link> page.</span>
      </label>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save notification settings"}</Button>
    </form>
  );
}
