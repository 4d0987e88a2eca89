// The Python sandbox's worker thread: one warm Pyodide interpreter (CPython in WebAssembly) reused
// between calls. Plain JavaScript (not TypeScript) so it loads in a worker without a loader.
//
// Python reaches the host only through the device file /dev/vigil: it writes a JSON request line
// and reads the answer, which this thread fetches synchronously from the main thread (a message
// plus Atomics.wait on a shared buffer). No JavaScript object is handed to Python, and Python's
// way back into this thread's JavaScript (the `js` and `pyodide_js` modules, any proxy it could
// dig out of the interpreter) is cut at the JavaScript side too: the function constructors are
// removed and the globals that reach the host (process, fetch, file system mounts) are deleted
// once the interpreter has loaded. CPython is no security boundary by itself; this realm is.
//
// Limits: the WebAssembly heap cannot grow past its cap (Memory.prototype.grow refuses, so
// Python's malloc fails and the code gets MemoryError); time is the main thread's interrupt
// buffer (KeyboardInterrupt at the deadline), and the main thread terminates this worker when
// Python does not stop.
/* global WebAssembly, TextDecoder, Buffer, performance */
import { parentPort, workerData } from "node:worker_threads";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const indexURL = path.dirname(require.resolve("pyodide/package.json")) + path.sep;
const { loadPyodide } = await import(path.join(indexURL, "pyodide.mjs"));

const { memoryBytes, rpc, interrupt } = workerData;
let heapCap = Infinity;
const realGrow = WebAssembly.Memory.prototype.grow;
WebAssembly.Memory.prototype.grow = function grow(pages) {
  if (this.buffer.byteLength + pages * 65536 > heapCap) throw new RangeError("the Python sandbox's memory limit");
  return realGrow.call(this, pages);
};

const py = await loadPyodide({ indexURL, jsglobals: {}, stdout: () => {}, stderr: () => {}, stdin: () => null, env: { HOME: "/home/pyodide" } });
heapCap = py._module.HEAP8.buffer.byteLength + memoryBytes;
py.setInterruptBuffer(new Uint8Array(interrupt));

// Synchronous calls to the main thread: [state, chunk length, bytes still to come] + the chunk.
const ctl = new Int32Array(rpc, 0, 3);
const chunk = new Uint8Array(rpc, 12);
const dec = new TextDecoder();
function hostCall(requestText) {
  const parts = [];
  let ask = { type: "host", request: requestText };
  for (;;) {
    Atomics.store(ctl, 0, 0);
    parentPort.postMessage(ask);
    Atomics.wait(ctl, 0, 0);
    parts.push(chunk.slice(0, ctl[1]));
    if (ctl[2] === 0) break;
    ask = { type: "more" };
  }
  return Buffer.concat(parts);
}

// /dev/vigil: a write of one request line makes the answer line readable.
const FS = py.FS;
let inbox = [];
let outbox = new Uint8Array(0);
let outPos = 0;
const dev = FS.makedev(64, 0);
FS.registerDevice(dev, {
  open() {}, close() {},
  read(_stream, buffer, offset, length) {
    const n = Math.min(length, outbox.length - outPos);
    new Uint8Array(buffer.buffer, buffer.byteOffset + offset, n).set(outbox.subarray(outPos, outPos + n));
    outPos += n;
    return n;
  },
  write(_stream, buffer, offset, length) {
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length).slice();
    inbox.push(bytes);
    if (bytes[bytes.length - 1] === 10) {
      const request = dec.decode(Buffer.concat(inbox));
      inbox = [];
      outbox = hostCall(request);
      outPos = 0;
    }
    return length;
  },
});
FS.mkdev("/dev/vigil", dev);
FS.mkdirTree("/opt/phantom/vault/tmp");
// The phantom package and other Python the host ships, importable from /vigil/site.
FS.mkdirTree("/vigil/site");
for (const [file, text] of Object.entries(workerData.files ?? {})) {
  FS.mkdirTree(path.posix.dirname(`/vigil/site/${file}`));
  FS.writeFile(`/vigil/site/${file}`, text);
}

// Cut every way from Python (or from JavaScript it could reach) back to the host.
for (const F of [Function, Object.getPrototypeOf(async function () {}).constructor, Object.getPrototypeOf(function* () {}).constructor, Object.getPrototypeOf(async function* () {}).constructor]) {
  Object.defineProperty(F.prototype, "constructor", { value: undefined, writable: false, configurable: false });
}
for (const name of ["mountNodeFS", "mountNativeFS", "loadPackage", "loadPackagesFromImports", "runPythonAsync", "registerJsModule", "pyimport", "loadedPackages"]) {
  try { py[name] = undefined; } catch { /* read-only: nothing to cut */ }
}
if (FS.filesystems) for (const k of Object.keys(FS.filesystems)) if (k !== "MEMFS") FS.filesystems[k] = undefined;
for (const name of ["process", "fetch", "WebSocket", "XMLHttpRequest", "require", "Buffer", "navigator", "eval", "WebAssembly", "importScripts", "Worker", "SharedArrayBuffer"]) {
  if (name === "Buffer") continue; // hostCall needs it; it reaches nothing on the host
  try { delete globalThis[name]; } catch { /* not configurable */ }
}

py.runPython(String(workerData.prelude));
const runCall = py.globals.get("_vigil_run");

parentPort.on("message", (msg) => {
  if (msg.type !== "run") return;
  const started = performance.now();
  let reply;
  try {
    reply = JSON.parse(runCall(msg.code, msg.globals, JSON.stringify(msg.read ?? []), msg.filename ?? "<playbook>"));
  } catch (err) {
    // A fatal error leaves the interpreter unusable: the main thread replaces this worker.
    reply = { ok: false, fatal: Boolean(err?.pyodide_fatal_error), error: `the Python sandbox failed: ${err instanceof Error ? err.message.split("\n").slice(-2).join(" ") : String(err)}` };
  }
  parentPort.postMessage({ type: "done", id: msg.id, reply, ms: performance.now() - started, heap: py._module.HEAP8.buffer.byteLength });
});
parentPort.postMessage({ type: "ready", heap: heapCap - memoryBytes });
