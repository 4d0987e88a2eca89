// Vault files as mail attachments: `send email`'s comma-separated vault ids, and `send
// htmlemail`'s attachment_json list plus attachment1..5 / content_id1..5 (a content id lets the
// HTML refer to the file as <img src="cid:...">), as SOAR's SMTP app takes them.
import type Mail from "nodemailer/lib/mailer";
import type { AppContext, VaultInfo } from "@/lib/apps/sdk";
import { str } from "../params";

interface Wanted {
  vaultId: string;
  contentId?: string;
}

async function load(ctx: AppContext, wanted: Wanted[]): Promise<Mail.Attachment[]> {
  const out: Mail.Attachment[] = [];
  for (const { vaultId, contentId } of wanted) {
    let content: Uint8Array;
    let info: VaultInfo;
    try {
      [info, content] = await Promise.all([ctx.vault.info(vaultId), ctx.vault.read(vaultId)]);
    } catch (err) {
      throw new Error(`attachment ${vaultId}: ${(err as Error).message}`);
    }
    out.push({ filename: info.name, contentType: info.mime_type, content: Buffer.from(content), ...(contentId ? { cid: contentId } : {}) });
  }
  return out;
}

export function attachmentsFor(ctx: AppContext, vaultIds: string[]): Promise<Mail.Attachment[]> {
  return load(ctx, vaultIds.map((vaultId) => ({ vaultId })));
}

export function htmlAttachments(ctx: AppContext, param: Record<string, unknown>): Promise<Mail.Attachment[]> {
  const wanted: Wanted[] = [];
  const json = str(param.attachment_json).trim();
  if (json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (err) {
      throw new Error(`attachment_json: not JSON (${(err as Error).message})`);
    }
    if (!Array.isArray(parsed)) throw new Error('attachment_json: expected a list such as [{"vault_id": "...", "content_id": "logo"}]');
    for (const [i, item] of parsed.entries()) {
      const vaultId = str((item as { vault_id?: unknown })?.vault_id).trim();
      if (!vaultId) throw new Error(`attachment_json[${i}]: no vault_id`);
      wanted.push({ vaultId, contentId: str((item as { content_id?: unknown }).content_id).trim() || undefined });
    }
  }
  for (let n = 1; n <= 5; n++) {
    const vaultId = str(param[`attachment${n}`]).trim();
    if (vaultId) wanted.push({ vaultId, contentId: str(param[`content_id${n}`]).trim() || undefined });
  }
  return load(ctx, wanted);
}
