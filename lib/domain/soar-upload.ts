// Files a person hands over (the console's upload, `vigil playbook import FILE...`) as SOAR
// `<name>.json` / `<name>.py` pairs: loose files are paired by base name, export archives
// (.tgz, .tar.gz, .tar) are opened. A file that cannot be paired or read is refused with what to
// give instead, before anything is imported.
import type { Actor } from "./actor";
import { DomainError } from "./errors";
import { importSoarCustomFunction, importSoarPlaybook, soarArchiveFiles, type ImportReport, type SoarFiles } from "./soar-import";

export interface UploadedFile { name: string; bytes: Buffer }
export type SoarKind = "playbook" | "custom_function";

const ARCHIVE = /\.(tgz|tar\.gz|tar|gz)$/i;

export async function soarUploadFiles(files: UploadedFile[]): Promise<SoarFiles[]> {
  if (files.length === 0) throw new DomainError("invalid", "choose a file: <name>.json with <name>.py, or a SOAR export archive (.tgz or .tar)", "files");
  const out: SoarFiles[] = [];
  const pairs = new Map<string, { json?: Buffer; py?: Buffer }>();
  for (const f of files) {
    const base = f.name.split(/[\\/]/).pop() ?? f.name;
    const m = /^(.*)\.(json|py)$/i.exec(base);
    if (m) {
      const pair = pairs.get(m[1]!) ?? {};
      pair[m[2]!.toLowerCase() === "json" ? "json" : "py"] = f.bytes;
      pairs.set(m[1]!, pair);
    } else if (ARCHIVE.test(base)) {
      try {
        out.push(...(await soarArchiveFiles(f.bytes)));
      } catch (err) {
        if (err instanceof DomainError) throw new DomainError("invalid", `${base}: ${err.message.replace(/^playbook: /, "")}`, "files");
        throw err;
      }
    } else {
      throw new DomainError("invalid", `${base} is not a SOAR file: give <name>.json with <name>.py, or a SOAR export archive (.tgz or .tar)`, "files");
    }
  }
  for (const [name, p] of pairs) {
    if (!p.json) throw new DomainError("invalid", `${name}.py has no ${name}.json beside it: SOAR exports each as a pair; choose both files, or the export archive`, "files");
    if (!p.py) throw new DomainError("invalid", `${name}.json has no ${name}.py beside it: SOAR exports each as a pair; choose both files, or the export archive`, "files");
    out.push({ name, json: p.json, py: p.py });
  }
  return out;
}

export type UploadOutcome =
  | { name: string; ok: true; id: number; repo: string; version?: number; created?: boolean; report?: ImportReport }
  | { name: string; ok: false; error: string };

/**
 * Imports every pair through the same domain code as REST and the CLI, one at a time: a pair
 * that is refused (a name in use without force, a bad export) is reported beside the ones that
 * were imported, not hidden behind the first failure.
 */
export async function importSoarUpload(files: UploadedFile[], opts: { repo: string; force: boolean; kind: SoarKind }, actor: Actor): Promise<UploadOutcome[]> {
  const pairs = await soarUploadFiles(files);
  const outcomes: UploadOutcome[] = [];
  for (const f of pairs) {
    try {
      if (opts.kind === "custom_function") {
        const cf = await importSoarCustomFunction(f, { repo: opts.repo }, actor);
        outcomes.push({ name: f.name, ok: true, id: cf.id, repo: cf.repo });
      } else {
        const { playbook, report, created } = await importSoarPlaybook(f, { repo: opts.repo, force: opts.force }, actor);
        outcomes.push({ name: f.name, ok: true, id: playbook.id, repo: playbook.repo, version: playbook.version, created, report });
      }
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      outcomes.push({ name: f.name, ok: false, error: err.message });
    }
  }
  return outcomes;
}
