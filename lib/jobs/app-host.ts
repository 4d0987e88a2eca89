// The worker's side of an app's child process. Each app gets one child (started on first use,
// restarted after it dies) that runs many app runs concurrently: app handlers wait on the
// network, so one process per app is enough and costs one Node start (~0.3 s) per app and
// worker, not one per run. The child gets `env: {}` plus PATH and a heap cap, so an app sees
// none of Vigil's environment (DATABASE_URL, keys), and a crashing, hanging or leaking app
// takes down only its own process: its in-flight runs fail with a clear message, the worker
// and the console carry on.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { CallOp, ChildMessage, Outcome, ParentMessage, RunRequest } from "./app-protocol";

// Resolved at run time (the worker runs from the project root), never bundled.
const ROOT = process.cwd();
const CHILD = path.join(ROOT, "lib", "jobs", "app-child.ts");
const TSX = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
const HEAP_MB = Number(process.env.VIGIL_APP_HEAP_MB || 256);

export interface RunHooks {
  log(level: "debug" | "info" | "warn" | "error", message: string, detail?: Record<string, unknown>): void;
  call(op: CallOp, args: unknown[]): Promise<unknown>;
}

interface InFlight {
  resolve: (o: Outcome) => void;
  hooks: RunHooks;
}

export class AppHost {
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private inflight = new Map<number, InFlight>();
  private acked = new Set<number>();

  constructor(readonly appDir: string, readonly name: string) {}

  private start(): Promise<void> {
    const child = fork(/*turbopackIgnore: true*/ CHILD, [this.appDir], {
      cwd: this.appDir,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } as unknown as NodeJS.ProcessEnv,
      execArgv: ["--import", TSX, `--max-old-space-size=${HEAP_MB}`],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced",
    });
    this.child = child;
    let stderr = "";
    child.on("error", () => {});
    child.stderr?.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
    return new Promise<void>((resolve, reject) => {
      child.on("message", (m: ChildMessage) => {
        if (m.t === "ready") resolve();
        else if (m.t === "fatal") reject(new Error(`the ${this.name} app did not load: ${m.message}`));
        else this.onMessage(m);
      });
      child.on("exit", (code, signal) => {
        if (this.child === child) {
          this.child = null;
          this.ready = null;
        }
        const why = `the ${this.name} app's process exited (${signal ?? `code ${code}`}) while this run was in flight${stderr.includes("heap out of memory") ? ": it ran out of memory" : ""}`;
        reject(new Error(`the ${this.name} app's process exited (${signal ?? `code ${code}`}) while loading: ${stderr.trim().slice(-500)}`));
        const pending = [...this.inflight.values()];
        this.inflight.clear();
        for (const p of pending) p.resolve({ kind: "crash", message: why });
      });
    });
  }

  private onMessage(m: ChildMessage): void {
    if (m.t === "aborted") {
      this.acked.add(m.id);
    } else if (m.t === "done") {
      const p = this.inflight.get(m.id);
      this.inflight.delete(m.id);
      p?.resolve(m.outcome);
    } else if (m.t === "log") {
      this.inflight.get(m.id)?.hooks.log(m.level, m.message, m.detail);
    } else if (m.t === "call") {
      const p = this.inflight.get(m.id);
      const reply = (r: Omit<Extract<ParentMessage, { t: "reply" }>, "t" | "rid">) => this.send({ t: "reply", rid: m.rid, ...r });
      if (!p) return reply({ error: "the run is over" });
      // A DomainError's kind crosses with its message (only plain data crosses the channel).
      p.hooks.call(m.op, m.args).then((value) => reply({ value }), (err: Error & { kind?: unknown }) =>
        reply({ error: err.message, ...(typeof err.kind === "string" ? { kind: err.kind } : {}) }));
    }
  }

  private send(m: ParentMessage): void {
    if (this.child?.connected) this.child.send(m, (err) => void err);
  }

  /** Runs one app run in the child; resolves with its outcome, never rejects. */
  async run(req: Omit<RunRequest, "t">, hooks: RunHooks): Promise<Outcome> {
    try {
      this.ready ??= this.start();
      await this.ready;
    } catch (err) {
      this.ready = null;
      return { kind: "error", message: (err as Error).message };
    }
    return new Promise<Outcome>((resolve) => {
      this.inflight.set(req.id, { resolve, hooks });
      this.send({ t: "run", ...req });
    });
  }

  /**
   * Asks the child to abort a run (its handler's signal fires). A child that does not even
   * acknowledge within `killAfterMs` has a blocked event loop (a handler spinning): it is
   * killed, which fails its other in-flight runs too, and the next run starts a fresh one.
   */
  abort(id: number, reason: string, killAfterMs = 5000): void {
    if (!this.inflight.has(id) || !this.child) return;
    const child = this.child;
    this.acked.delete(id);
    this.send({ t: "abort", id, reason });
    setTimeout(() => {
      if (!this.acked.delete(id) && this.child === child) child.kill("SIGKILL");
    }, killAfterMs).unref();
  }

  /** Forgets a run (timed out or lost): a late answer from the child is dropped. */
  forget(id: number): void {
    this.inflight.delete(id);
  }

  get busy(): number {
    return this.inflight.size;
  }

  /** Ends the child; its in-flight runs resolve as failed. */
  kill(): void {
    this.child?.kill("SIGKILL");
  }
}

export class AppHosts {
  private hosts = new Map<string, AppHost>();

  get(directory: string, name: string, root: string): AppHost {
    let host = this.hosts.get(directory);
    if (!host) {
      host = new AppHost(path.join(root, directory), name);
      this.hosts.set(directory, host);
    }
    return host;
  }

  killAll(): void {
    for (const h of this.hosts.values()) h.kill();
  }
}
