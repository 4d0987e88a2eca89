"use client";
import { useEffect, useState, useTransition } from "react";
import { createWebhookAction, deleteWebhookAction, rotateWebhookAction } from "@/app/(console)/admin/webhooks/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input, inputClass } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { toastResult } from "@/components/ui/toast";
import { SecretOnce } from "./secret-once";

export interface WebhookRow {
  id: number;
  name: string;
  description: string;
  path: string;
  mapping: string;
  signatureHeader: string;
  disabled: boolean;
  received: number;
  lastReceivedAt: string | null;
}

const EXAMPLE_MAPPING = JSON.stringify({
  container: { name: "$.title", severity: "$.severity", source_data_identifier: "$.id" },
  cef: { sourceAddress: "$.src_ip", destinationAddress: "$.dest_ip", requestURL: "$.url" },
  label: "events",
}, null, 2);

const EXAMPLE_ALERT = `{"id": "alert-1", "title": "Suspicious login", "severity": "high", "src_ip": "203.0.113.7"}`;

/** The curl a tool's owner can paste to try the webhook (with the signature when one is checked). */
function curlExample(url: string, header: string): string {
  const body = `'${EXAMPLE_ALERT}'`;
  if (!header) return `curl -X POST -H 'content-type: application/json' \\\n  --data ${body} \\\n  '${url}'`;
  return [
    `BODY=${body}`,
    `SIG=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$WEBHOOK_SECRET" | sed 's/^.* //')`,
    `curl -X POST -H 'content-type: application/json' -H "${header}: sha256=$SIG" \\\n  --data "$BODY" '${url}'`,
  ].join("\n");
}

export function WebhooksSection({ hooks, base }: { hooks: WebhookRow[]; base: string | null }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  // The URL's origin is the one the administrator reached the console by, unless VIGIL_BASE_URL says otherwise.
  const [origin, setOrigin] = useState(base ?? "");
  useEffect(() => { if (!base) setOrigin(window.location.origin); }, [base]);

  const create = (form: HTMLFormElement) => {
    setError(null);
    startTransition(async () => {
      const result = await createWebhookAction(Object.fromEntries(new FormData(form)));
      if (!result.ok) return setError(result.error);
      form.reset();
      toastResult(result, "Webhook created");
      setSecret(result.value?.secret ? { label: "Generated signing secret", value: result.value.secret } : null);
    });
  };
  const rotate = (w: WebhookRow, withSecret: boolean) =>
    startTransition(async () => {
      const result = await rotateWebhookAction({ id: w.id, secret: withSecret });
      if (toastResult(result, `New URL for ${w.name}: the old one no longer works`) && result.value?.secret) {
        setSecret({ label: `New signing secret of ${w.name}`, value: result.value.secret });
      }
    });
  const remove = (w: WebhookRow) => startTransition(async () => { toastResult(await deleteWebhookAction({ id: w.id }), `Webhook ${w.name} deleted`); });

  return (
    <div className="space-y-6">
      <section aria-labelledby="new-webhook" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="new-webhook" className="mb-3 font-semibold">Create a webhook</h2>
        <form onSubmit={(e) => { e.preventDefault(); create(e.currentTarget); }} className="grid gap-3 md:grid-cols-2">
          <Field label="Name" htmlFor="webhook-name">
            <Input id="webhook-name" name="name" required placeholder="e.g. Grafana alerts" autoComplete="off" />
          </Field>
          <Field label="Description" htmlFor="webhook-description">
            <Input id="webhook-description" name="description" autoComplete="off" />
          </Field>
          <div className="md:col-span-2">
            <Field label="Field mapping (JSON paths into the alert)" htmlFor="webhook-mapping"
              hint="container: container field → path; cef: CEF field of the alert's artifact → path; label: label of new events. Without a mapped source_data_identifier, a repeated body is deduplicated by its hash.">
              <textarea id="webhook-mapping" name="mapping" rows={9} defaultValue={EXAMPLE_MAPPING} className={`${inputClass} font-mono text-xs`} spellCheck={false} />
            </Field>
          </div>
          <Field label="Signature header (optional)" htmlFor="webhook-header" hint="HMAC-SHA256 of the body, hex or base64, optionally sha256=…">
            <Input id="webhook-header" name="signature_header" placeholder="e.g. X-Signature-256" autoComplete="off" />
          </Field>
          <Field label="Signing secret" htmlFor="webhook-secret" hint="Leave empty to have one generated (shown once).">
            <Input id="webhook-secret" name="secret" type="password" autoComplete="new-password" />
          </Field>
          <div className="md:col-span-2">
            <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create webhook"}</Button>
          </div>
        </form>
        {error && <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">{error}</p>}
      </section>
      {secret && <SecretOnce label={secret.label} value={secret.value} />}

      <section aria-labelledby="webhooks" className="space-y-4">
        <h2 id="webhooks" className="font-semibold">Webhooks</h2>
        {hooks.length === 0 && <p className="text-sm text-slate-500">No webhooks yet.</p>}
        {hooks.map((w) => {
          const url = `${origin}${w.path}`;
          return (
            <article key={w.id} data-webhook={w.name} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <h3 className="font-medium">{w.name}{w.disabled && <span className="ml-2 rounded bg-slate-200 px-1.5 text-xs dark:bg-slate-700">disabled</span>}</h3>
                  {w.description && <p className="text-sm text-slate-600 dark:text-slate-400">{w.description}</p>}
                  <p className="mt-1 text-xs text-slate-500">
                    {w.received} received{w.lastReceivedAt && <>, last <Time value={w.lastReceivedAt} /></>} ·{" "}
                    {w.signatureHeader ? <>signature checked in <code className="font-mono">{w.signatureHeader}</code></> : "no signature check"}
                  </p>
                </div>
                <div className="flex flex-wrap gap-2">
                  <ConfirmDialog title={`New URL for ${w.name}?`} variant="primary"
                    description="The current URL stops working at once: every tool sending here needs the new one."
                    confirmLabel="Rotate URL" onConfirm={() => rotate(w, false)}
                    trigger={<Button variant="secondary" disabled={pending}>Rotate URL</Button>} />
                  {w.signatureHeader && (
                    <ConfirmDialog title={`New signing secret for ${w.name}?`} variant="primary"
                      description="Both the URL and the signing secret change; deliveries signed with the old secret are refused."
                      confirmLabel="Rotate URL and secret" onConfirm={() => rotate(w, true)}
                      trigger={<Button variant="secondary" disabled={pending}>Rotate secret</Button>} />
                  )}
                  <ConfirmDialog title={`Delete webhook ${w.name}?`}
                    description="Its URL answers 404 from now on. Events it already made stay."
                    confirmLabel="Delete webhook" onConfirm={() => remove(w)}
                    trigger={<Button variant="danger" disabled={pending}>Delete</Button>} />
                </div>
              </div>
              <p className="mt-3 text-xs font-medium text-slate-500">URL (secret: anyone holding it can create events)</p>
              <code data-testid="webhook-url" className="block break-all rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{url}</code>
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Mapping and curl example</summary>
                <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{w.mapping}</pre>
                <pre data-testid="webhook-curl" className="mt-2 overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-800">{curlExample(url, w.signatureHeader)}</pre>
              </details>
            </article>
          );
        })}
      </section>
    </div>
  );
}
