// `npm run bench:python-sandbox`: what the Python sandbox costs. Start of a warm interpreter
// (worker thread + Pyodide load), then per call: an empty callback, a callback making 10 host
// calls, and one importing the phantom package (once that exists) -- each in a fresh namespace.
import os from "node:os";
import { closePythonSandbox, pythonSandboxStats, runPython } from "../engine/python/sandbox";

const N = Number(process.env.N ?? 300);

async function timed(label: string, code: string, host: Record<string, () => unknown> = {}) {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const r = await runPython({ code, host, globals: { i } });
    if (!r.ok) throw new Error(`${label}: ${r.error}`);
  }
  const ms = (performance.now() - t0) / N;
  console.log(`${label}: ${ms.toFixed(2)} ms per call (${N} calls)`);
  return ms;
}

const t0 = performance.now();
await runPython({ code: "pass" });
const start = performance.now() - t0;
console.log(`warm interpreter start (worker + Pyodide): ${start.toFixed(0)} ms (worker's own: ${pythonSandboxStats()[0]?.startMs.toFixed(0)} ms)`);
const empty = await timed("empty callback", "def cb(container=None):\n    return 1\ncb()");
const host = await timed("callback with 10 host calls", "for k in range(10):\n    host.get(k)", { get: () => ({ a: [1, 2, 3] }) });
console.log(`| ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC | ${os.cpus()[0]?.model.split(" ").slice(0, 2).join(" ")}, ${os.cpus().length} cores | ${process.version} | ${start.toFixed(0)} | ${empty.toFixed(2)} | ${host.toFixed(2)} | ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} |`);
await closePythonSandbox();
