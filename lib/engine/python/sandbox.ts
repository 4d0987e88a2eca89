// The Python sandbox: CPython compiled to WebAssembly (Pyodide) in a worker thread, with the same
// call shape as the JavaScript sandbox (lib/engine/sandbox): code, JSON globals, host functions,
// globals read back. One warm interpreter per worker is reused; each call gets a fresh module
// namespace (lib/engine/python/prelude.py). Host functions run here, on the engine's thread:
// Python's request waits in the worker (Atomics.wait) while the answer is computed, so a host
// function may be async.
//
// Limits: the worker refuses to grow the WebAssembly heap past `memoryBytes` (Python gets
// MemoryError); at `timeoutMs` the interrupt buffer raises KeyboardInterrupt in Python, raised
// again a grace period later if Python took it but has not answered, and a worker that still has
// not answered after a second grace period is terminated and replaced.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { HostFn, SandboxResult } from "../sandbox";

export interface PythonLimits { timeoutMs: number; memoryBytes: number }
export const PYTHON_LIMITS: PythonLimits = {
  timeoutMs: Number(process.env.VIGIL_PYTHON_TIMEOUT_MS ?? 10_000),
  memoryBytes: Number(process.env.VIGIL_PYTHON_MEMORY_MB ?? 256) * 1024 * 1024,
};
const GRACE_MS = 2000;
const CHUNK = 1024 * 1024;

export interface PythonCall {
  code: string;
  /** Shown in tracebacks and error messages (`line 12 in on_start`). */
  filename?: string;
  globals?: Record<string, unknown>;
  host?: Record<string, (...args: unknown[]) => unknown>;
  read?: string[];
}
export type PythonResult = SandboxResult & { printed?: string };

/** The folder of this module's Python files, in the source tree (tsx) or beside a bundle. */
function here(): string {
  const candidates = [path.dirname(fileURLToPath(import.meta.url)), path.join(process.cwd(), "lib/engine/python")];
  for (const c of candidates) {
    try {
      readFileSync(path.join(c, "worker.mjs"));
      return c;
    } catch { /* try the next */ }
  }
  throw new Error("the Python sandbox's files (lib/engine/python/worker.mjs) are missing");
}

function siteFiles(dir: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, siteFiles(dir, rel));
    else if (e.name.endsWith(".py")) out[rel] = readFileSync(path.join(dir, rel), "utf8");
  }
  return out;
}

interface Job { call: PythonCall; limits: PythonLimits; resolve: (r: PythonResult) => void }
interface Reply { ok: boolean; fatal?: boolean; values?: Record<string, unknown>; error?: string; limit?: "time" | "memory"; printed?: string }

/** One worker thread with one interpreter; runs one call at a time. */
class PythonWorker {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private readonly rpc = new SharedArrayBuffer(12 + CHUNK);
  private readonly ctl = new Int32Array(this.rpc, 0, 3);
  private readonly chunk = new Uint8Array(this.rpc, 12);
  private readonly interrupt = new SharedArrayBuffer(4);
  /** The interrupt buffer as Pyodide reads it: 2 asks for SIGINT, and Python sets 0 once it takes it. */
  private readonly interruptFlag = new Int32Array(this.interrupt);
  private pendingBytes: Uint8Array = new Uint8Array(0);
  private current: { job: Job; id: number; done: (reply: Reply | null) => void } | null = null;
  private nextId = 0;
  /** Which interpreter this is (a replaced worker gets a new one); for tests and logs. */
  generation = 0;
  /** Workers terminated because Python would not stop at its time limit. */
  replaced = 0;
  lastStartMs = 0;

  constructor(private readonly memoryBytes: number) {}

  private start(): Promise<void> {
    const dir = here();
    const t0 = performance.now();
    this.generation++;
    // Loaded from disk at run time, never bundled (Pyodide finds its files beside its package).
    const worker = new Worker(/* turbopackIgnore: true */ path.join(dir, "worker.mjs"), {
      workerData: { memoryBytes: this.memoryBytes, rpc: this.rpc, interrupt: this.interrupt, prelude: readFileSync(path.join(dir, "prelude.py"), "utf8"), files: siteFiles(path.join(dir, "site")) },
      // No inherited environment; the heap of Pyodide's JavaScript side is capped too.
      env: {}, resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      worker.on("message", (m: { type: string; request?: string; id?: number; reply?: Reply }) => {
        if (m.type === "ready") {
          this.lastStartMs = performance.now() - t0;
          resolve();
        } else if (m.type === "host") void this.host(m.request ?? "");
        else if (m.type === "more") this.sendChunk();
        else if (m.type === "done" && this.current && m.id === this.current.id) this.current.done(m.reply ?? null);
      });
      // A replaced worker's late exit must not touch its successor.
      worker.on("error", (err) => { reject(err); if (this.worker === worker) this.lost(`the Python sandbox failed: ${err.message}`); });
      worker.on("exit", () => { reject(new Error("the Python sandbox's worker stopped while starting")); if (this.worker === worker) this.lost("the Python sandbox's worker stopped"); });
    });
  }

  private lost(message: string): void {
    this.worker = null;
    this.ready = null;
    this.current?.done({ ok: false, error: message });
  }

  private async host(request: string): Promise<void> {
    let answer: string;
    try {
      const [name, args] = JSON.parse(request) as [string, unknown[]];
      const fn = this.current?.job.call.host?.[name];
      if (!fn) throw new Error(`phantom has no function ${name}`);
      const value = await fn(...args);
      answer = JSON.stringify(value === undefined ? {} : { value });
    } catch (err) {
      answer = JSON.stringify({ error: err instanceof Error ? err.message : String(err) });
    }
    this.pendingBytes = new TextEncoder().encode(answer);
    this.sendChunk();
  }

  private sendChunk(): void {
    const n = Math.min(CHUNK, this.pendingBytes.length);
    this.chunk.set(this.pendingBytes.subarray(0, n));
    this.pendingBytes = this.pendingBytes.subarray(n);
    Atomics.store(this.ctl, 1, n);
    Atomics.store(this.ctl, 2, this.pendingBytes.length > 0 ? 1 : 0);
    Atomics.store(this.ctl, 0, 1);
    Atomics.notify(this.ctl, 0);
  }

  async run(job: Job): Promise<PythonResult> {
    try {
      this.ready ??= this.start();
      await this.ready;
    } catch (err) {
      this.ready = null;
      return { ok: false, error: `the Python sandbox could not start: ${err instanceof Error ? err.message : String(err)}` };
    }
    const worker = this.worker!;
    const { call, limits } = job;
    Atomics.store(this.interruptFlag, 0, 0);
    return new Promise<PythonResult>((resolve) => {
      const id = ++this.nextId;
      let timedOut = false;
      const soft = setTimeout(() => {
        timedOut = true;
        // SIGINT: KeyboardInterrupt at Python's next check.
        Atomics.store(this.interruptFlag, 0, 2);
      }, limits.timeoutMs);
      // Python clears the interrupt buffer when it takes the interrupt. A grace period after the
      // limit, a taken interrupt is raised once more (code that caught KeyboardInterrupt, or a slow
      // unwind on a busy machine); a second grace period later the worker is replaced, whether
      // Python is inside a long call in C or kept swallowing the interrupt.
      let settled = false;
      // After the event loop's I/O phase (setImmediate): a reply that arrived while this thread
      // was busy is taken before a timer that expired meanwhile can replace the worker.
      const thenIfUnanswered = (f: () => void) => () => setImmediate(() => { if (!settled) f(); });
      let hard = setTimeout(thenIfUnanswered(() => {
        // Raised again; if Python has not taken the first one yet, this changes nothing.
        Atomics.store(this.interruptFlag, 0, 2);
        hard = setTimeout(thenIfUnanswered(() => {
          this.current = null;
          void worker.terminate();
          this.worker = null;
          this.ready = null;
          this.replaced++;
          finish({ ok: false, limit: "time" });
        }), GRACE_MS);
      }), limits.timeoutMs + GRACE_MS);
      const finish = (reply: Reply | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(soft);
        clearTimeout(hard);
        if (this.current?.id === id) this.current = null;
        const r = reply ?? { ok: false, error: "the Python sandbox gave no answer" };
        if (r.fatal && this.worker === worker) void this.close();
        if (r.ok) return resolve({ ok: true, values: r.values ?? {}, printed: r.printed ?? "" });
        const error = r.limit === "time" || (timedOut && !r.error?.startsWith("MemoryError"))
          ? `the Python code ran longer than its time limit of ${limits.timeoutMs} ms`
          : r.limit === "memory" ? `the Python code used more than its memory limit of ${Math.round(this.memoryBytes / 1048576)} MB` : r.error ?? "failed";
        resolve({ ok: false, error, printed: r.printed ?? "" });
      };
      this.current = { job, id, done: finish };
      worker.postMessage({ type: "run", id, code: call.code, filename: call.filename ?? "<playbook>", globals: JSON.stringify(call.globals ?? {}), read: call.read ?? [] });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    await w?.terminate();
  }
}

/** Workers with their queue: calls wait for a free worker in order. */
class PythonPool {
  private readonly workers: PythonWorker[];
  private readonly idle: PythonWorker[];
  private readonly queue: Job[] = [];

  constructor(size: number, memoryBytes: number) {
    this.workers = Array.from({ length: size }, () => new PythonWorker(memoryBytes));
    this.idle = [...this.workers];
  }

  run(call: PythonCall, limits: PythonLimits): Promise<PythonResult> {
    return new Promise((resolve) => {
      this.queue.push({ call, limits, resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.shift()!;
      const job = this.queue.shift()!;
      void w.run(job).then((r) => {
        job.resolve(r);
        this.idle.push(w);
        this.pump();
      });
    }
  }

  stats() { return this.workers.map((w) => ({ generation: w.generation, replaced: w.replaced, startMs: w.lastStartMs })); }
  async close(): Promise<void> { await Promise.all(this.workers.map((w) => w.close())); }
}

let pool: PythonPool | null = null;

/** Runs Python in the shared pool (VIGIL_PYTHON_WORKERS workers, 1 by default). */
export function runPython(call: PythonCall, limits: PythonLimits = PYTHON_LIMITS): Promise<PythonResult> {
  pool ??= new PythonPool(Math.max(1, Number(process.env.VIGIL_PYTHON_WORKERS ?? 1)), limits.memoryBytes);
  return pool.run(call, limits);
}

export function pythonSandboxStats() { return pool?.stats() ?? []; }

/** Stops the workers (tests, shutdown); the next call starts them again. */
export async function closePythonSandbox(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.close();
}

export type { HostFn };
