// The playbook list's housekeeping (issue 10): duplicate a playbook, delete one, export it as
// Vigil's own JSON and import such a file. An export is the save schema's shape (what
// lib/schemas/playbooks.ts parses), so an export imports unchanged on another Vigil.
import type { Playbook } from "@prisma/client";
import { db } from "../db/client";
import { playbookSchema, type NewPlaybook } from "../schemas/playbooks";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { asInput } from "./playbook-versions";
import { createPlaybook, getPlaybook } from "./playbooks";
import { inTransaction } from "./transactions";

/** What an export file holds: marked as Vigil's, the playbook as the save schema takes it. */
export interface PlaybookExport extends Omit<NewPlaybook, "message"> { vigil_playbook: 1 }

export async function exportPlaybook(id: number): Promise<PlaybookExport> {
  const { message: _message, ...rest } = asInput(await getPlaybook(id));
  return { vigil_playbook: 1, ...rest };
}

/** The first name `<name> copy`, `<name> copy 2`, ... not taken in the repository. */
async function freeName(repo: string, name: string): Promise<string> {
  const base = `${name} copy`.slice(0, 190);
  const taken = new Set((await db.playbook.findMany({ where: { repo, name: { startsWith: base } }, select: { name: true } })).map((p) => p.name));
  for (let i = 1; ; i++) if (!taken.has(i === 1 ? base : `${base} ${i}`)) return i === 1 ? base : `${base} ${i}`;
}

/** A copy of the playbook's current version under a free name, inactive. */
export async function duplicatePlaybook(id: number, actor: Actor): Promise<Playbook> {
  const p = await getPlaybook(id);
  const input = asInput(p);
  return createPlaybook({ ...input, name: await freeName(p.repo, p.name), active: false, message: `duplicated from ${p.repo}/${p.name} version ${p.version}` }, actor);
}

/**
 * Imports an export file's content (already parsed from JSON) as a new playbook, always inactive
 * so nothing runs before someone has looked at it. Says what is wrong with a bad file.
 */
export async function importPlaybook(content: unknown, actor: Actor): Promise<Playbook> {
  if (typeof content !== "object" || content === null || Array.isArray(content)) throw new DomainError("invalid", "the file is not a Vigil playbook: it holds no JSON object");
  if (!("vigil_playbook" in content)) throw new DomainError("invalid", "the file is not a Vigil playbook export: it has no vigil_playbook field");
  const { vigil_playbook: _v, ...rest } = content as Record<string, unknown>;
  const parsed = playbookSchema.safeParse({ ...rest, active: false, message: "imported" });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError("invalid", `the file is not a valid playbook: ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
  }
  return createPlaybook(parsed.data, actor);
}

/**
 * Deletes a playbook with its versions, schedules and past runs (the audit trail keeps that it
 * existed). Refused while a run of it is running: cancel that first. The check and the delete
 * are one statement, so a run that starts meanwhile is not cut off.
 */
export async function deletePlaybook(id: number, actor: Actor): Promise<void> {
  const p = await getPlaybook(id);
  await inTransaction(async (tx) => {
    const n = await tx.$executeRaw`delete from playbooks p where p.id = ${p.id}
      and not exists (select 1 from playbook_runs r where r.playbook_id = p.id and r.status = 'running')`;
    if (n === 0) {
      const running = await tx.playbookRun.count({ where: { playbookId: p.id, status: "running" } });
      throw running > 0
        ? new DomainError("conflict", `${p.repo}/${p.name} has ${running} running run(s): cancel them before deleting it`)
        : new DomainError("not_found", `playbook ${id} does not exist`);
    }
    await appendAudit(tx, actor, { action: "playbook.delete", objectType: "playbook", objectId: p.id, detail: { name: `${p.repo}/${p.name}`, version: p.version } });
  });
}
