// Email notifications through the integration pack's SMTP app. An administrator names the SMTP
// asset; a trigger marks each new notification 'pending' when it should go out by email (an
// SMTP asset is named, the user has an address and has not opted out of its kind, migration
// 20261204400000). The worker's loop (lib/jobs/sla-loop.ts) turns pending rows into email action
// runs on that asset (a text and an HTML part, ./notification-mail.ts), claimed with SKIP LOCKED
// and marked in the same transaction, so a mail is queued once however many workers run; the job
// runner then delivers it with its retries, and the action run is the record of what was sent.
import { db, type Tx } from "../db/client";
import { log } from "../log";
import { insertActionRun, planActionRun, RUNS_CHANNEL } from "./action-runs";
import { SYSTEM, type Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { KIND_NAMES } from "./notification-kinds";
import { composeEmail } from "./notification-mail";
import { refreshRiskShare } from "./sla-settings";
import { inTransaction } from "./transactions";

interface Pending { id: bigint; title: string; body: string; link: string; username: string; email: string | null; asset_id: number | null }

/**
 * Queues the mail of one notification as an action run on the SMTP asset: "send htmlemail" (text
 * and HTML parts) when its app has it, else "send email" with the text alone.
 */
async function queue(tx: Tx, n: Pending, html: boolean): Promise<"queued" | "skipped" | "failed"> {
  if (!n.asset_id || !n.email) return "skipped";
  const mail = composeEmail(n);
  try {
    const planned = await planActionRun({
      action: html ? "send htmlemail" : "send email", container_id: null, name: `email notification to ${n.username}`,
      targets: [{ assets: [n.asset_id], parameters: [html
        ? { to: n.email, subject: mail.subject, html_body: mail.html, text_body: mail.text }
        : { to: n.email, subject: mail.subject, body: mail.text }] }],
    });
    const run = await insertActionRun(tx, planned, SYSTEM, { notify: false });
    await tx.$executeRaw`update notifications set email_state = 'queued', action_run_id = ${run.id} where id = ${n.id}`;
    return "queued";
  } catch (err) {
    // The asset was disabled or is not an SMTP asset any more: nothing to retry until it is fixed.
    if (!(err instanceof DomainError)) throw err;
    log.warn({ notification: String(n.id), err: err.message }, "email notification not sent");
    return "failed";
  }
}

/** Queues up to `limit` pending notification emails; returns how many rows it settled. */
export async function dispatchNotificationEmails(limit = 50): Promise<number> {
  return inTransaction(async (tx) => {
    const rows = await tx.$queryRaw<Pending[]>`
      select n.id, n.title, n.body, n.link, u.username, nullif(u.email, '') as email, s.smtp_asset_id as asset_id
      from notifications n join users u on u.id = n.user_id left join notification_settings s on s.id = 1
      where n.email_state = 'pending' order by n.id limit ${limit} for update of n skip locked`;
    if (rows.length === 0) return 0;
    const [app] = await tx.$queryRaw<{ html: boolean }[]>`
      select exists (select 1 from notification_settings ns join assets s on s.id = ns.smtp_asset_id join apps a on a.id = s.app_id
        cross join jsonb_array_elements(a.manifest->'actions') x where ns.id = 1 and x->>'action' = 'send htmlemail') as html`;
    let queued = 0;
    for (const n of rows) {
      const state = await queue(tx, n, app?.html ?? false);
      if (state === "queued") queued++;
      else await tx.$executeRaw`update notifications set email_state = ${state} where id = ${n.id}`;
    }
    if (queued) await tx.$executeRaw`select pg_notify(${RUNS_CHANNEL}, 'new')`;
    return rows.length;
  });
}

export interface NotificationSettingsView { smtpAssetId: number | null; atRiskPercent: number; smtpAssets: { id: number; name: string }[] }

/** The settings and the assets that can send email (their app has a "send email" action). */
export async function notificationSettings(): Promise<NotificationSettingsView> {
  const [s, assets] = await Promise.all([
    db.notificationSettings.findUnique({ where: { id: 1 } }),
    db.$queryRaw<{ id: number; name: string }[]>`
      select s.id, s.name from assets s join apps a on a.id = s.app_id
      where not s.disabled and a.enabled and exists (select 1 from jsonb_array_elements(a.manifest->'actions') x where x->>'action' = 'send email')
      order by s.name`,
  ]);
  return { smtpAssetId: s?.smtpAssetId ?? null, atRiskPercent: s?.atRiskPercent ?? 80, smtpAssets: assets };
}

export async function saveNotificationSettings(input: { smtpAssetId: number | null; atRiskPercent: number }, actor: Actor): Promise<void> {
  if (input.smtpAssetId !== null && !(await notificationSettings()).smtpAssets.some((a) => a.id === input.smtpAssetId)) {
    throw new DomainError("invalid", `smtp_asset_id: asset ${input.smtpAssetId} is not an enabled asset of an app that sends email`, "smtp_asset_id");
  }
  if (!Number.isInteger(input.atRiskPercent) || input.atRiskPercent < 1 || input.atRiskPercent > 99) {
    throw new DomainError("invalid", "at_risk_percent: a whole percentage from 1 to 99", "at_risk_percent");
  }
  await inTransaction(async (tx) => {
    const data = { smtpAssetId: input.smtpAssetId, atRiskPercent: input.atRiskPercent, updatedAt: new Date() };
    const before = await tx.notificationSettings.findUnique({ where: { id: 1 }, select: { atRiskPercent: true } });
    await tx.notificationSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    // Clocks not yet warned and open events' at-risk instants take the new default share.
    if (before?.atRiskPercent !== input.atRiskPercent) await refreshRiskShare(tx, null);
    await appendAudit(tx, actor, { action: "notifications.settings", objectType: "settings", objectId: "notifications", detail: input });
  });
}

/** What /account shows: the user's address, what they opted out of, and whether email is on at all. */
export async function emailPreferences(userId: number): Promise<{ email: string; optOut: string[]; enabled: boolean }> {
  const [u, s] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { email: true, emailOptOut: true } }),
    db.notificationSettings.findUnique({ where: { id: 1 }, select: { smtpAssetId: true } }),
  ]);
  return { email: u?.email ?? "", optOut: u?.emailOptOut ?? [], enabled: Boolean(s?.smtpAssetId) };
}

/** A user's own email address and the kinds they do not want by email (/account). */
export async function setEmailPreferences(userId: number, input: { email: string; optOut: string[] }, actor: Actor): Promise<void> {
  const email = input.email.trim();
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) throw new DomainError("invalid", `email: "${email}" is not an email address`, "email");
  const unknown = input.optOut.filter((k) => !(KIND_NAMES as string[]).includes(k));
  if (unknown.length) throw new DomainError("invalid", `opt_out: no notification kind "${unknown[0]}" (kinds: ${KIND_NAMES.join(", ")})`, "opt_out");
  await inTransaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId }, data: { email: email || null, emailOptOut: [...new Set(input.optOut)] } });
    if (!count) throw new DomainError("not_found", `user ${userId} does not exist`);
    await appendAudit(tx, actor, { action: "user.email_notifications", objectType: "user", objectId: userId, detail: { email, opt_out: input.optOut } });
  });
}
