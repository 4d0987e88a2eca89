// IMAP app: SOAR's IMAP ingestion (`on poll`, `test connectivity`, phantom_imap's
// configuration) over imapflow, plus `parse email` on a vault .eml. Each poll reads the folder's
// messages above the last UID it saw (kept in the asset's state with the folder's UIDVALIDITY),
// makes one container per message (dedup by Message-ID through saveContainer), puts the raw
// .eml and each attachment in its vault, then marks the message \Seen and, when
// processed_folder is set, moves it there. State is saved after each message, so a poll that
// dies resumes where it stopped.
import type { ImapFlow, MailboxObject } from "imapflow";
import { success, type ActionHandler, type AppContext, type AppModule } from "@/lib/apps/sdk";
import { connectivityTest } from "../connectivity";
import { failingOn } from "../permanent";
import { str } from "../params";
import { emailContainer, emailSummary, parseEmail, type ExtractOptions } from "./email";
import { MailboxError, withMailbox } from "./mailbox";

const permanent = failingOn(MailboxError);

interface PollState {
  folder: string;
  uidValidity: string;
  lastUid: number;
}

function extractOptions(config: AppContext["config"]): ExtractOptions {
  const on = (key: string) => config[key] !== false;
  return { urls: on("extract_urls"), domains: on("extract_domains"), ips: on("extract_ips"), hashes: on("extract_hashes"), attachments: on("extract_attachments") };
}

const positive = (value: unknown, fallback: number) => (Number(value) > 0 ? Math.floor(Number(value)) : fallback);

/** The UIDs this poll takes: above `since`, at most `max`, oldest or latest first as configured. */
async function pending(client: ImapFlow, since: number, max: number, latestFirst: boolean): Promise<number[]> {
  // `N:*` always matches the newest message, even below N: hence the filter.
  const found = ((await client.search({ uid: `${since + 1}:*` }, { uid: true })) || []).filter((uid) => uid > since).sort((a, b) => a - b);
  return latestFirst ? found.slice(-max).reverse() : found.slice(0, max);
}

async function ingestOne(ctx: AppContext, client: ImapFlow, uid: number, opts: ExtractOptions) {
  const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
  if (!message || !message.source) return { uid, skipped: "gone before it could be read" };
  const email = await parseEmail(message.source);
  const saved = await ctx.saveContainer!(emailContainer(email, opts));
  if (!saved.existing) {
    await ctx.vault.add(saved.id, `${(email.subject || "email").replace(/[/\\\0]/g, "_").slice(0, 100)}.eml`, message.source, { mimeType: "message/rfc822" });
    if (opts.attachments) for (const a of email.attachments) await ctx.vault.add(saved.id, a.name, a.content, { mimeType: a.content_type });
  }
  return { uid, container_id: saved.id, existing: saved.existing, message_id: email.message_id };
}

const onPoll: ActionHandler = (ctx, param) => permanent(() => withMailbox(ctx, async (client) => {
  if (!ctx.saveContainer) throw new MailboxError("on poll needs the ingest capability (run it as the asset's poll)");
  const folder = str(ctx.config.folder).trim() || "INBOX";
  const processed = str(ctx.config.processed_folder).trim();
  const opts = extractOptions(ctx.config);
  const lock = await client.getMailboxLock(folder).catch((err: { responseText?: string; message?: string }) => {
    throw new MailboxError(`folder "${folder}": ${err.responseText ?? err.message}`);
  });
  const results: Record<string, unknown>[] = [];
  try {
    const uidValidity = String((client.mailbox as MailboxObject).uidValidity);
    const state = await ctx.state.get<PollState>();
    const since = state && state.folder === folder && state.uidValidity === uidValidity ? state.lastUid : 0;
    const max = Math.min(positive(since === 0 ? ctx.config.first_run_max_emails : ctx.config.max_emails, since === 0 ? 2000 : 100), positive(param.container_count, Infinity));
    const uids = await pending(client, since, max, str(ctx.config.ingest_manner) === "latest first");
    let lastUid = since;
    for (const uid of uids) {
      results.push(await ingestOne(ctx, client, uid, opts));
      await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
      if (processed && processed !== folder) await client.messageMove(String(uid), processed, { uid: true });
      lastUid = Math.max(lastUid, uid);
      await ctx.state.set({ folder, uidValidity, lastUid } satisfies PollState);
    }
  } finally {
    lock.release();
  }
  const created = results.filter((r) => r.container_id && !r.existing).length;
  ctx.log.info(`polled ${folder}: ${results.length} message(s), ${created} new container(s)`);
  return success(`Ingested ${results.length} email(s): ${created} new container(s)`, results, { total_emails: results.length, new_containers: created });
}));

const parseEmailAction: ActionHandler = (ctx, param) => permanent(async () => {
  const vaultId = str(param.vault_id).trim();
  if (!vaultId) throw new MailboxError("vault_id: which .eml file?");
  let raw: Uint8Array;
  try {
    raw = await ctx.vault.read(vaultId);
  } catch (err) {
    throw new MailboxError(`vault_id ${vaultId}: ${(err as Error).message}`);
  }
  const email = await parseEmail(Buffer.from(raw));
  if (!email.message_id && !email.from && Object.keys(email.headers).length === 0) throw new MailboxError(`vault_id ${vaultId}: not an email (no headers)`);
  return success(`Parsed email "${email.subject}"`, [emailSummary(email)], { urls: email.urls.length, domains: email.domains.length, attachments: email.attachments.length });
});

const testConnectivity = connectivityTest(async (ctx) => {
  await withMailbox(ctx, async (client) => {
    const folder = str(ctx.config.folder).trim() || "INBOX";
    await client.status(folder, { messages: true }).catch((err: { responseText?: string; message?: string }) => {
      throw new MailboxError(`folder "${folder}": ${err.responseText ?? err.message}`);
    });
  });
});

const app: AppModule = {
  actions: {
    test_asset_connectivity: testConnectivity,
    on_poll: onPoll,
    parse_email: parseEmailAction,
  },
};
export default app;
