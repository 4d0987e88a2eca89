// Benchmark helpers: CPU of the Vigil server and its embedded PostgreSQL (read from /proc),
// percentiles, and adding a result row to its table in docs/benchmarks.md.
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The Vigil server and every PostgreSQL process of its data directory (postmaster and backends). */
export function serverPids(dataDir: string | null, vigilPid: number | null): { vigil: number[]; pg: number[] } {
  if (!dataDir || !vigilPid) return { vigil: [], pg: [] };
  const postmaster = Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  const pg = [postmaster];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
      if (ppid === postmaster) pg.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return { vigil: [vigilPid], pg };
}

export const snapshot = (pids: number[]) => new Map(pids.map((p) => [p, cpuSeconds(p)]));
/** CPU used since `before` by the processes alive now; those started since count from zero. */
export const cpuSince = (before: Map<number, number>, now: number[]) => now.reduce((t, p) => t + cpuSeconds(p) - (before.get(p) ?? 0), 0);

export function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}


/** Adds the row at the end of the table whose header line starts with `header`, wherever other benchmarks put their sections. */
export function insertRow(file: string, header: string, row: string): void {
  const lines = readFileSync(file, "utf8").split("\n");
  let at = lines.findIndex((l) => l.startsWith(header));
  if (at < 0) {
    appendFileSync(file, `\n${header}\n${row}`);
    return;
  }
  while (at + 1 < lines.length && lines[at + 1]!.startsWith("|")) at++;
  lines.splice(at + 1, 0, row.trimEnd());
  writeFileSync(file, lines.join("\n"));
}

/** Adds `text` at the end of the section whose heading line starts with `heading` (appended with that heading when missing). */
export function appendSection(file: string, heading: string, text: string): void {
  const lines = readFileSync(file, "utf8").split("\n");
  const at = lines.findIndex((l) => l.startsWith(heading));
  if (at < 0) {
    appendFileSync(file, `\n${heading}\n\n${text}`);
    return;
  }
  let end = at + 1;
  while (end < lines.length && !lines[end]!.startsWith("## ")) end++;
  lines.splice(end, 0, text);
  writeFileSync(file, lines.join("\n"));
}
