// Importing Splunk SOAR playbooks (issue 11): `<name>.json` (the graph) and `<name>.py` (the
// program SOAR generated from it, which is what runs here too, in the Python sandbox). The graph is
// mapped to Vigil's node types for the editor to show read-only, and an import report lists what
// cannot bind yet: actions no Vigil app provides, assets to create, custom functions and child
// playbooks missing, datapaths naming blocks that do not exist. The files are kept byte for byte,
// so an export gives back exactly what was imported.
import { gunzipSync, gzipSync } from "node:zlib";
import type { Playbook } from "@prisma/client";
import { Prisma } from "@prisma/client";
import tar from "tar-stream";
import { db } from "../db/client";
import type { Actor } from "./actor";
import { appendAudit } from "./audit";
import { DomainError } from "./errors";
import { mapSoarGraph, parseSoarExport, type SoarGraph } from "./soar-graph";
import { readTarEntries } from "./tar-entries";
import { inTransaction } from "./transactions";

export interface ImportReport {
  unboundActions: { block: string; app: string; action: string; reason: string }[];
  assetsToCreate: { asset: string; app: string }[];
  missingCustomFunctions: { block: string; customFunction: string }[];
  missingPlaybooks: { block: string; playbook: string }[];
  danglingDatapaths: { block: string; datapath: string }[];
}

export interface SoarFiles { name: string; json: Buffer; py: Buffer }

/** Prisma's Bytes columns take a Uint8Array over a plain ArrayBuffer. */
const bytes = (b: Buffer): Uint8Array<ArrayBuffer> => new Uint8Array(b);

const NAME = /^[A-Za-z0-9_. -]{1,200}$/;
const utf8 = (b: Buffer, file: string) => {
  const text = b.toString("utf8");
  if (!Buffer.from(text, "utf8").equals(b)) throw new DomainError("invalid", `${file} is not UTF-8 text`, "playbook");
  return text;
};

// A datapath's block part: `<block>:action_result...`, `filtered-data:<block>:condition_N:...`.
const DATAPATH = /^(?:filtered-data:)?([A-Za-z0-9_]+):(?:condition_\d+:)?(?:[A-Za-z0-9_]+:)?(action_result|custom_function_result|custom_function|formatted_data|playbook_output|condition_\d+)/;
const ROOTS = new Set(["artifact", "container", "playbook_input", "custom_list", "filtered-data"]);

function datapathsIn(v: unknown, out: string[]): void {
  if (typeof v === "string") { if (DATAPATH.test(v)) out.push(v); return; }
  if (Array.isArray(v)) { for (const x of v) datapathsIn(x, out); return; }
  if (v && typeof v === "object") for (const x of Object.values(v)) datapathsIn(x, out);
}

async function reportFor(graph: SoarGraph): Promise<ImportReport> {
  const report: ImportReport = { unboundActions: [], assetsToCreate: [], missingCustomFunctions: [], missingPlaybooks: [], danglingDatapaths: [] };
  const nodes = Object.values(graph.nodes);
  const blocks = new Set(nodes.map((n) => String(n.data.name ?? "").toLowerCase()));
  const apps = await db.app.findMany({ select: { appid: true, name: true, id: true, manifest: true } });
  const assets = await db.asset.findMany({ select: { name: true, appId: true } });
  const cfs = new Set((await db.customFunction.findMany({ select: { repo: true, name: true } })).map((c) => `${c.repo}/${c.name}`.toLowerCase()));
  const playbooks = new Set((await db.playbook.findMany({ select: { repo: true, name: true } })).map((p) => `${p.repo}/${p.name}`.toLowerCase()));
  const seenAssets = new Set<string>();
  for (const n of nodes) {
    const block = String(n.data.name ?? n.id);
    const d = n.soar.data;
    if (n.data.type === "action") {
      const connector = String(d.connector ?? ""), action = String(d.action ?? ""), guid = String(d.connectorId ?? "");
      const app = apps.find((a) => (a.appid && a.appid === guid)) ?? apps.find((a) => a.name.toLowerCase() === connector.toLowerCase());
      const actions = ((app?.manifest as { actions?: { action: string }[] } | null)?.actions ?? []).map((a) => a.action);
      if (!app) report.unboundActions.push({ block, app: connector, action, reason: `no Vigil app ${connector}${guid ? ` (appid ${guid})` : ""}` });
      else if (!actions.includes(action)) report.unboundActions.push({ block, app: connector, action, reason: `app ${app.name} has no action "${action}"` });
      for (const asset of (n.data.assets as string[]) ?? []) {
        if (seenAssets.has(asset) || assets.some((a) => a.name === asset)) continue;
        seenAssets.add(asset);
        report.assetsToCreate.push({ asset, app: connector });
      }
    }
    if (n.data.type === "custom_function" && !cfs.has(String(n.data.customFunction).toLowerCase())) report.missingCustomFunctions.push({ block, customFunction: String(n.data.customFunction) });
    if (n.data.type === "playbook" && !playbooks.has(String(n.data.playbook).toLowerCase())) report.missingPlaybooks.push({ block, playbook: String(n.data.playbook) });
    const paths: string[] = [];
    datapathsIn(d, paths);
    for (const p of new Set(paths)) {
      const target = DATAPATH.exec(p)![1]!.toLowerCase();
      if (!ROOTS.has(target) && !blocks.has(target)) report.danglingDatapaths.push({ block, datapath: p });
    }
  }
  return report;
}

/** Creates the playbook, or with `force` saves a new version of the one of that name. */
export async function importSoarPlaybook(files: SoarFiles, opts: { repo?: string; force?: boolean }, actor: Actor): Promise<{ playbook: Playbook; report: ImportReport; created: boolean }> {
  if (!NAME.test(files.name)) throw new DomainError("invalid", `"${files.name}" is not a playbook name (letters, digits, _ . - and spaces, at most 200)`, "playbook");
  const repo = opts.repo ?? "local";
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(repo)) throw new DomainError("invalid", "scm: a repository name has letters, digits, _ and - only", "scm");
  const exp = parseSoarExport(utf8(files.json, `${files.name}.json`), `${files.name}.json`);
  const code = utf8(files.py, `${files.name}.py`);
  if (code.length > 500_000) throw new DomainError("invalid", `${files.name}.py is longer than 500,000 characters`, "playbook");
  const graph = mapSoarGraph(exp);
  const report = await reportFor(graph);
  const data = {
    description: exp.description, category: exp.category, tags: exp.tags, labels: exp.labels.length > 0 ? exp.labels : ["*"],
    type: exp.playbookType === "data" ? "input" : "automation",
    inputSpec: exp.inputSpec.map((s) => ({ name: s.name, description: s.description, datapaths: [], deduplicate: false })) as Prisma.InputJsonValue,
    outputSpec: exp.outputSpec as Prisma.InputJsonValue,
    graph: Prisma.DbNull, code, language: "python",
    soarJson: bytes(files.json), soarPy: bytes(files.py), soarGraph: graph as unknown as Prisma.InputJsonValue, importReport: report as unknown as Prisma.InputJsonValue,
  };
  return inTransaction(async (tx) => {
    const existing = await tx.playbook.findUnique({ where: { repo_name: { repo, name: files.name } } });
    if (existing && !opts.force) throw new DomainError("conflict", `a playbook named ${repo}/${files.name} exists; import with force to replace it`, "playbook");
    const version = existing ? existing.version + 1 : 1;
    const p = existing
      ? await tx.playbook.update({ where: { id: existing.id }, data: { ...data, version } })
      : await tx.playbook.create({ data: { repo, name: files.name, ...data, version } });
    await tx.playbookVersion.create({ data: { playbookId: p.id, version, author: actor.name, message: `imported from SOAR (${files.name}.json, ${files.name}.py)`, code } });
    await appendAudit(tx, actor, { action: "playbook.import", objectType: "playbook", objectId: p.id, detail: { name: `${repo}/${files.name}`, version, report: { unbound: report.unboundActions.length, assets: report.assetsToCreate.length, customFunctions: report.missingCustomFunctions.length, dangling: report.danglingDatapaths.length } } });
    return { playbook: p, report, created: !existing };
  });
}

/** A SOAR custom function (`<name>.json` metadata + `<name>.py`) into a repository. */
export async function importSoarCustomFunction(files: SoarFiles, opts: { repo?: string }, actor: Actor) {
  if (!/^[A-Za-z0-9_]{1,200}$/.test(files.name)) throw new DomainError("invalid", `"${files.name}" is not a custom function name (letters, digits and _)`, "custom_function");
  const repo = opts.repo ?? "local";
  let meta: { description?: unknown };
  try {
    meta = JSON.parse(utf8(files.json, `${files.name}.json`)) as { description?: unknown };
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError("invalid", `${files.name}.json is not JSON`, "custom_function");
  }
  const code = utf8(files.py, `${files.name}.py`);
  if (!new RegExp(`^def ${files.name}\\(`, "m").test(code)) throw new DomainError("invalid", `${files.name}.py does not define ${files.name}()`, "custom_function");
  const row = { description: typeof meta.description === "string" ? meta.description : "", code, language: "python", soarJson: bytes(files.json) };
  return inTransaction(async (tx) => {
    const cf = await tx.customFunction.upsert({ where: { repo_name: { repo, name: files.name } }, create: { repo, name: files.name, ...row }, update: row });
    await appendAudit(tx, actor, { action: "custom_function.import", objectType: "custom_function", objectId: cf.id, detail: { name: `${repo}/${files.name}` } });
    return cf;
  });
}

/** The `<name>.json` / `<name>.py` pairs of a SOAR export archive (tar, gzipped or not). */
export async function soarArchiveFiles(archive: Buffer): Promise<SoarFiles[]> {
  let raw = archive;
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try { raw = gunzipSync(raw, { maxOutputLength: 64 * 1024 * 1024 }); } catch { throw new DomainError("invalid", "playbook: the archive is not a readable gzip file", "playbook"); }
  }
  const entries = await readTarEntries(raw, (h) => {
    if (h.type !== "file") return "skip";
    const base = h.name.split("/").pop() ?? "";
    return /\.(json|py)$/.test(base) ? { keep: base } : "skip";
  }, (m) => new DomainError("invalid", `playbook: the archive is not a readable tar file (${m})`, "playbook"));
  const names = [...entries.keys()].filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -5));
  if (names.length === 0) throw new DomainError("invalid", "playbook: the archive holds no <name>.json", "playbook");
  return names.map((name) => {
    const py = entries.get(`${name}.py`);
    if (!py) throw new DomainError("invalid", `playbook: the archive holds ${name}.json but not ${name}.py`, "playbook");
    return { name, json: entries.get(`${name}.json`)!, py };
  });
}

/** The SOAR export archive of an imported playbook: a gzipped tar of its files as imported. */
export async function exportSoarPlaybook(p: Pick<Playbook, "name" | "soarJson" | "soarPy">): Promise<Buffer> {
  if (!p.soarJson || !p.soarPy) throw new DomainError("invalid", `playbook ${p.name} was not imported from SOAR; it has no SOAR export`, "playbook");
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on("data", (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => { pack.on("end", resolve); pack.on("error", reject); });
  pack.entry({ name: `${p.name}.json`, mtime: new Date(0) }, Buffer.from(p.soarJson));
  pack.entry({ name: `${p.name}.py`, mtime: new Date(0) }, Buffer.from(p.soarPy));
  pack.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

export async function importedPlaybook(id: number) {
  return db.playbook.findUniqueOrThrow({ where: { id } });
}
