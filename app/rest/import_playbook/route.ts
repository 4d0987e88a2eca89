import { z } from "zod";
import { importSoarPlaybook, soarArchiveFiles } from "@/lib/domain/soar-import";
import { DomainError } from "@/lib/domain/errors";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

// SOAR's import: `playbook` is a base64 TAR (gzipped or not) of <name>.json and <name>.py, `scm` the
// repository, `force` replaces a playbook of the same name with a new version.
const importSchema = z.object({
  playbook: z.string().min(1, "playbook: a base64 TAR is required").max(96 * 1024 * 1024),
  scm: z.string().trim().min(1).max(100).default("local"),
  force: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).default(false),
});

export const POST = withRest("playbooks.write", async (ctx) => {
  const input = await ctx.body(importSchema);
  if (!/^[A-Za-z0-9+/=\s_-]+$/.test(input.playbook)) throw new DomainError("invalid", "playbook: not base64", "playbook");
  const files = await soarArchiveFiles(Buffer.from(input.playbook, "base64"));
  const imported = [];
  for (const f of files) {
    const { playbook, report, created } = await importSoarPlaybook(f, { repo: input.scm, force: input.force }, ctx.actor);
    imported.push({ playbook_id: playbook.id, name: playbook.name, scm: playbook.repo, version: playbook.version, created, import_report: report });
  }
  return { success: true, playbook_id: imported[0]!.playbook_id, playbooks: imported };
}, { maxBody: 128 * 1024 * 1024 });
