// The code sandbox: JavaScript in QuickJS compiled to WebAssembly (quickjs-emscripten), a real
// isolation boundary (never node:vm). Inside there is no fs, env, network, process, timers,
// clock or module loader: only plain JavaScript and the host functions the caller passes.
//
// Limits. CPU: an interrupt handler stops the program at its deadline. Memory: QuickJS's own
// setMemoryLimit did not stop allocation in our probes (DESIGN.md), so the module gets its own
// WebAssembly.Memory whose maximum is the cap: an allocation past it fails inside QuickJS ("out
// of memory") however large or native it is. The interrupt handler also stops a program whose
// heap passes the cap between allocations. A module that ran out, or whose heap (which never
// shrinks) grew past the cap, is thrown away for a fresh one. A stack overflow surfaces as a
// RangeError from the wasm call and is handled the same way.
import { newQuickJSWASMModuleFromVariant, newVariant, RELEASE_SYNC, type QuickJSContext, type QuickJSHandle, type QuickJSWASMModule } from "quickjs-emscripten";

export interface SandboxLimits {
  timeoutMs: number;
  /** How far the sandbox heap may grow above its size when the module was fresh. */
  memoryBytes: number;
}
export const DEFAULT_LIMITS: SandboxLimits = {
  timeoutMs: Number(process.env.VIGIL_SANDBOX_TIMEOUT_MS ?? 2000),
  memoryBytes: Number(process.env.VIGIL_SANDBOX_MEMORY_MB ?? 64) * 1024 * 1024,
};

export type HostFn = (...args: unknown[]) => unknown;
export interface SandboxCall {
  code: string;
  /** JSON values defined as globals before the code runs. */
  globals?: Record<string, unknown>;
  /** Host functions, callable from inside as `host.<name>(...)`: JSON in, JSON out. */
  host?: Record<string, HostFn>;
  /** Globals read back (as JSON) after the code ran. */
  read?: string[];
}
export type SandboxResult = { ok: true; values: Record<string, unknown> } | { ok: false; error: string };

const PAGE = 65536;
/** QuickJS's own start-up heap (emscripten's INITIAL_MEMORY). */
const BASELINE = 16 * 1024 * 1024;
let loaded: Promise<QuickJSWASMModule> | null = null;
let loadedFor = 0;
const baseline = BASELINE;

async function getModule(memoryBytes: number): Promise<QuickJSWASMModule> {
  if (!loaded || loadedFor !== memoryBytes) {
    const wasmMemory = new WebAssembly.Memory({ initial: BASELINE / PAGE, maximum: Math.ceil((BASELINE + memoryBytes) / PAGE) });
    loaded = newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmMemory }));
    loadedFor = memoryBytes;
  }
  return loaded;
}

// No clock: Date without arguments and Date.now() refuse; a date from a given value still works.
const PRELUDE = `(() => {
  const D = Date;
  const noClock = () => { throw new Error("the clock is not available in a playbook sandbox"); };
  function SafeDate(...a) { if (a.length === 0) noClock(); return new.target ? new D(...a) : D(...a); }
  SafeDate.prototype = D.prototype; SafeDate.now = noClock; SafeDate.parse = D.parse; SafeDate.UTC = D.UTC;
  globalThis.Date = SafeDate;
})();`;

const overMemory = (limits: SandboxLimits) => `the code used more than its memory limit of ${Math.round(limits.memoryBytes / 1048576)} MB`;

function message(ctx: QuickJSContext, handle: QuickJSHandle): string {
  const e = ctx.dump(handle) as { name?: string; message?: string } | string;
  if (typeof e === "string") return e;
  return `${e?.name ?? "Error"}: ${e?.message ?? JSON.stringify(e)}`;
}

export async function runInSandbox(call: SandboxCall, limits: SandboxLimits = DEFAULT_LIMITS): Promise<SandboxResult> {
  let qjs = await getModule(limits.memoryBytes);
  // Another run may have grown this module's heap past the cap while we waited: start fresh.
  for (let i = 0; i < 3 && qjs.getWasmMemory().buffer.byteLength >= baseline + limits.memoryBytes; i++) {
    loaded = null;
    qjs = await getModule(limits.memoryBytes);
  }
  const memory = qjs.getWasmMemory();
  const cap = baseline + limits.memoryBytes;
  const deadline = Date.now() + limits.timeoutMs;
  let stopped: string | null = null;
  const rt = qjs.newRuntime();
  rt.setMaxStackSize(256 * 1024);
  rt.setInterruptHandler(() => {
    if (memory.buffer.byteLength >= cap) stopped = overMemory(limits);
    else if (Date.now() > deadline) stopped = `the code ran longer than its time limit of ${limits.timeoutMs} ms`;
    return stopped !== null;
  });
  const ctx = rt.newContext();
  let recycle = false;
  try {
    const host = ctx.newObject();
    for (const [name, fn] of Object.entries(call.host ?? {})) {
      const f = ctx.newFunction(name, (...args) => {
        try {
          const out = fn(...args.map((a) => ctx.dump(a)));
          return out === undefined ? ctx.undefined : ctx.unwrapResult(ctx.evalCode(`(${JSON.stringify(out)})`));
        } catch (err) {
          return { error: ctx.newError(err instanceof Error ? err.message : String(err)) };
        }
      });
      ctx.setProp(host, name, f);
      f.dispose();
    }
    ctx.setProp(ctx.global, "host", host);
    host.dispose();
    const globals = Object.entries(call.globals ?? {}).map(([k, v]) => `globalThis[${JSON.stringify(k)}] = ${JSON.stringify(v ?? null)};`).join("\n");
    ctx.unwrapResult(ctx.evalCode(PRELUDE + globals)).dispose();
    const result = ctx.evalCode(`(function () {\n${call.code}\n})()`, "playbook.js");
    if (result.error) {
      let msg = stopped ?? message(ctx, result.error);
      result.error.dispose();
      // The bounded heap refused an allocation: the memory limit, not a bug in the code.
      if (msg === "InternalError: out of memory") msg = overMemory(limits);
      if (stopped || msg === overMemory(limits)) recycle = true;
      return { ok: false, error: msg };
    }
    result.value.dispose();
    // Promise reactions (a rejected dynamic import, say) run now; there is no event loop later.
    const jobs = rt.executePendingJobs();
    if (jobs.error) {
      const msg = stopped ?? message(ctx, jobs.error);
      jobs.error.dispose();
      return { ok: false, error: msg };
    }
    const values: Record<string, unknown> = {};
    for (const name of call.read ?? []) {
      const r = ctx.evalCode(`JSON.stringify(globalThis[${JSON.stringify(name)}] ?? null)`);
      if (r.error) {
        const msg = message(ctx, r.error);
        r.error.dispose();
        return { ok: false, error: `${name} cannot be saved as JSON: ${msg}` };
      }
      values[name] = JSON.parse(ctx.getString(r.value));
      r.value.dispose();
    }
    return { ok: true, values };
  } catch (err) {
    // A wasm stack overflow or out-of-memory trap: this module's state cannot be trusted.
    recycle = true;
    const text = err instanceof Error ? err.message : String(err);
    const why = /stack/i.test(text) ? "the code overflowed its stack (too deep recursion)" : /memory|out of bounds|unreachable/i.test(text) ? overMemory(limits) : `the sandbox failed: ${text}`;
    return { ok: false, error: stopped ?? why };
  } finally {
    try {
      ctx.dispose();
      rt.dispose();
    } catch {
      recycle = true;
    }
    if (recycle || memory.buffer.byteLength >= cap) loaded = null;
  }
}
