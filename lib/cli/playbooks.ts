// `vigil playbook import FILE...` and `vigil playbook export`: SOAR playbooks (and custom
// functions) in and out through the same domain code as the console and REST.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { db } from "../db/client";
import { SYSTEM } from "../domain/actor";
import { DomainError } from "../domain/errors";
import { exportSoarPlaybook, importSoarCustomFunction, importSoarPlaybook, type SoarFiles } from "../domain/soar-import";
import { soarUploadFiles } from "../domain/soar-upload";
import { withDatabase } from "./with-database";
import { parseCommand, UsageError } from "./args";

/** Files named on the command line, paired and unpacked as the console's upload does. */
async function gather(files: string[]): Promise<SoarFiles[]> {
  const read = await Promise.all(files.map(async (f) => ({ name: path.basename(f), bytes: await readFile(f).catch(() => { throw new UsageError(`cannot read ${f}`); }) })));
  try {
    return await soarUploadFiles(read);
  } catch (err) {
    throw err instanceof DomainError ? new UsageError(err.message) : err;
  }
}

export async function playbookImport(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { scm: { type: "string" }, force: { type: "boolean" }, "custom-function": { type: "boolean" } }, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError("playbook import needs files: <name>.json and <name>.py, or a SOAR export archive");
  const files = await gather(positionals);
  await withDatabase(async () => {
    for (const f of files) {
      if (values["custom-function"]) {
        const cf = await importSoarCustomFunction(f, { repo: values.scm }, SYSTEM);
        process.stdout.write(`imported custom function ${cf.repo}/${cf.name} (id ${cf.id})\n`);
        continue;
      }
      const { playbook: p, report } = await importSoarPlaybook(f, { repo: values.scm, force: values.force }, SYSTEM);
      process.stdout.write(`imported ${p.repo}/${p.name} (id ${p.id}, version ${p.version}): ${report.unboundActions.length} unbound actions, ${report.assetsToCreate.length} assets to create, ${report.missingCustomFunctions.length} custom functions missing, ${report.danglingDatapaths.length} dangling datapaths\n`);
      for (const u of report.unboundActions) process.stdout.write(`  unbound: ${u.block}: ${u.reason}\n`);
      for (const a of report.assetsToCreate) process.stdout.write(`  asset to create: "${a.asset}" (${a.app})\n`);
      for (const c of report.missingCustomFunctions) process.stdout.write(`  custom function missing: ${c.customFunction} (${c.block})\n`);
      for (const d of report.danglingDatapaths) process.stdout.write(`  dangling datapath: ${d.datapath} (${d.block})\n`);
    }
  });
}

export async function playbookExport(argv: string[]): Promise<void> {
  const { values } = parseCommand(argv, { id: { type: "string" }, name: { type: "string" }, scm: { type: "string" }, out: { type: "string" } });
  if (!values.id && !values.name) throw new UsageError("playbook export needs --id N or --name NAME [--scm REPO]");
  if (!values.out) throw new UsageError("playbook export needs --out FILE (a .tgz)");
  await withDatabase(async () => {
    const p = values.id
      ? await db.playbook.findUnique({ where: { id: Number(values.id) || 0 } })
      : await db.playbook.findUnique({ where: { repo_name: { repo: values.scm ?? "local", name: values.name! } } });
    if (!p) throw new DomainError("not_found", `no such playbook: ${values.id ?? `${values.scm ?? "local"}/${values.name}`}`);
    await writeFile(values.out!, await exportSoarPlaybook(p));
    process.stdout.write(`exported ${p.repo}/${p.name} to ${values.out}\n`);
  });
}
