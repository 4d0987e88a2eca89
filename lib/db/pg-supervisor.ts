// Keeps the embedded PostgreSQL running for as long as Vigil runs. When the postmaster exits
// without being asked to (kill -9, the OOM killer, a crash, a `pg_ctl stop` from outside), it is
// started again at once: PostgreSQL's crash recovery replays its write-ahead log, so every
// committed transaction is there. Meanwhile /api/health says "degraded" with the reason
// (./db-state.ts); the pool drops its dead connections and opens new ones by itself, the LISTEN
// connection reconnects (./live.ts), and requests answer 503 with Retry-After. A start that
// fails is retried with back-off, and a cause Vigil cannot fix (port taken, disk full, damaged
// cluster) is said in one sentence with what to do.
import type { ChildProcess } from "node:child_process";
import { log as rootLog } from "../log";
import { setDbState } from "./db-state";
import { pause } from "./transient";

const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 15_000;
// The first few attempts come quickly (old backends leaving is a matter of a second or two),
// then back off, so a cause that lasts (disk full, port taken) is not hammered.
const backoff = (attempt: number) => Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.max(0, attempt - 4));

export interface Launched {
  child: ChildProcess;
  stop(): void; // ends what runs beside the postmaster (its watchdog)
}

/** What to do about a start that failed, from PostgreSQL's last error line. */
export function startAdvice(lastLine: string, databaseDir: string, port: number): string {
  if (/No space left on device|could not (extend|write)|disk full/i.test(lastLine)) {
    return `the disk holding ${databaseDir} is full: free space there (Vigil retries by itself)`;
  }
  if (/could not bind|Address already in use/i.test(lastLine)) {
    return `port ${port} is taken by another program: stop it or set VIGIL_PG_PORT to a free port`;
  }
  if (/lock file .* already exists/i.test(lastLine)) {
    return `another PostgreSQL is using ${databaseDir}: stop it`;
  }
  if (/checkpoint record|invalid .*record|could not read file|PANIC|incompatible|corrupt/i.test(lastLine)) {
    return `the cluster in ${databaseDir} looks damaged: restore the data directory from a backup (see the README), or move it aside to start empty`;
  }
  if (/shared memory block .* still in use/i.test(lastLine)) {
    return "the previous server's processes are still exiting";
  }
  return `see PostgreSQL's messages above, and check ${databaseDir}`;
}

export interface Supervisor {
  /** Stops supervising (Vigil is shutting down): an exit from now on is expected. */
  release(): void;
  current(): Launched;
}

export function supervise(first: Launched, launch: () => Promise<Launched>): Supervisor {
  const log = rootLog.child({ component: "postgres" });
  let current = first;
  let released = false;

  const watch = (launched: Launched) => {
    launched.child.once("exit", (code, signal) => {
      launched.stop();
      if (released || launched !== current) return;
      void recover(signal ? `was killed (${signal})` : `exited (code ${code})`);
    });
  };

  const recover = async (why: string) => {
    const since = new Date();
    const wentAway = `the embedded PostgreSQL ${why} at ${since.toISOString()}`;
    log.error(`${wentAway}: restarting it (crash recovery replays its write-ahead log)`);
    setDbState({ status: "recovering", reason: `${wentAway}; restarting it`, since: since.toISOString() });
    for (let attempt = 1; ; attempt++) {
      // A beat before each start: a Ctrl-C reaches PostgreSQL and Vigil together, and Vigil's
      // shutdown must get to release() first; after a kill -9 the old backends need a moment
      // to notice and leave their shared memory.
      await pause(backoff(attempt));
      if (released) return;
      try {
        const launched = await launch();
        if (released) {
          // Vigil began shutting down while this start ran: stop what it started.
          launched.stop();
          launched.child.kill("SIGINT");
          return;
        }
        current = launched;
        watch(current);
        log.info(`the embedded PostgreSQL is back after ${Date.now() - since.getTime()} ms (attempt ${attempt}); connections reopen as they are needed`);
        setDbState({ status: "ok" });
        return;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const next = backoff(attempt + 1);
        log.error(`restarting the embedded PostgreSQL failed (attempt ${attempt}): ${message}; retrying in ${next} ms`);
        setDbState({ status: "recovering", reason: `${wentAway}; restarting it failed: ${message}`, since: since.toISOString() });
      }
    }
  };

  watch(first);
  return {
    release: () => void (released = true),
    current: () => current,
  };
}
