import { afterAll, describe, expect, it } from "vitest";
import { closePythonSandbox, pythonSandboxStats, runPython } from "./sandbox";

const limits = { timeoutMs: 1500, memoryBytes: 96 * 1024 * 1024 };
const run = (code: string, host = {}) => runPython({ code, host, read: ["outputs"], globals: { outputs: {} }, filename: "test.py" }, limits);
const generation = () => pythonSandboxStats()[0]?.generation;
const replaced = () => pythonSandboxStats()[0]?.replaced;

afterAll(closePythonSandbox);

describe("Python sandbox", () => {
  it("runs Python with JSON globals and host functions, sync and async, and reads outputs back", async () => {
    const seen: unknown[] = [];
    const r = await run(
      "outputs['sum'] = sum(inputs) if 'inputs' in dir() else None\nhost.debug({'n': 3})\noutputs['echo'] = host.echo('x')\noutputs['later'] = host.later(2)\nprint('hello')",
      { debug: (v: unknown) => { seen.push(v); }, echo: (s: unknown) => `${String(s)}!`, later: async (n: unknown) => Number(n) * 21 },
    );
    expect(r).toEqual({ ok: true, values: { outputs: { sum: null, echo: "x!", later: 42 } }, printed: "hello\n" });
    expect(seen).toEqual([{ n: 3 }]);
    const big = await run("outputs['n'] = len(host.big())", { big: () => "y".repeat(3_000_000) });
    expect(big).toMatchObject({ ok: true, values: { outputs: { n: 3_000_000 } } });
  }, 120_000);

  it("gives each call a fresh module namespace in the same warm interpreter", async () => {
    const g = generation();
    expect(await run("import json\nleft_behind = 1\njson.dumps = None\nimport phantom_never_existed_here" )).toMatchObject({ ok: false, error: expect.stringMatching(/ModuleNotFoundError/) });
    expect(await run("outputs['seen'] = 'left_behind' in globals()")).toMatchObject({ ok: true, values: { outputs: { seen: false } } });
    expect(generation()).toBe(g);
    expect(await run("outputs['exists'] = __import__('os').path.isdir('/opt/phantom/vault/tmp')")).toMatchObject({ values: { outputs: { exists: true } } });
  }, 120_000);

  it("runs the same module again from its compiled code, still in a fresh namespace each time", async () => {
    // One playbook module, called twice (two callbacks): module-level state starts over each time.
    const code = "counter = globals().get('counter', 0) + 1\nitems = []\nitems.append(counter)\noutputs['state'] = [counter, items]";
    expect(await run(code)).toMatchObject({ ok: true, values: { outputs: { state: [1, [1]] } } });
    expect(await run(code)).toMatchObject({ ok: true, values: { outputs: { state: [1, [1]] } } });
    // A changed module (a new playbook version) runs its new code, not the cached one.
    expect(await run(code.replace("+ 1", "+ 2"))).toMatchObject({ ok: true, values: { outputs: { state: [2, [2]] } } });
    expect(await run("outputs['x'] = (")).toMatchObject({ ok: false, error: expect.stringMatching(/SyntaxError/) });
  }, 120_000);

  it("refuses the JavaScript side, processes, sockets and the host's files with clear messages", async () => {
    const g = generation();
    expect(await run("import js")).toMatchObject({ ok: false, error: "_Refused: module js is not available in the playbook sandbox (no access to the JavaScript side) (line 1 in <module>)" });
    expect(await run("import pyodide_js")).toMatchObject({ ok: false, error: expect.stringMatching(/module pyodide_js is not available/) });
    expect(await run("from pyodide.code import run_js")).toMatchObject({ ok: false, error: expect.stringMatching(/module pyodide(\.code)? is not available/) });
    expect(await run("import os\nos.system('id')")).toMatchObject({ ok: false, error: "PermissionError: os.system is not available in the playbook sandbox (line 2 in <module>)" });
    expect(await run("import socket\nsocket.create_connection(('127.0.0.1', 5432))")).toMatchObject({ ok: false, error: expect.stringMatching(/module socket is not available in the playbook sandbox \(no access to the network\)/) });
    expect(await run("import urllib.request\nurllib.request.urlopen('http://127.0.0.1:5432/')")).toMatchObject({ ok: false, error: expect.stringMatching(/module urllib.request is not available in the playbook sandbox \(no access to the network\)/) });
    expect(await run("outputs['p'] = open('/etc/passwd').read()")).toMatchObject({ ok: false, error: expect.stringMatching(/FileNotFoundError: .*\/etc\/passwd/) });
    expect(await run("import os\noutputs['env'] = dict(os.environ)")).toEqual({ ok: true, values: { outputs: { env: { HOME: "/home/pyodide", LANG: "C.UTF-8" } } }, printed: "" });
    // Digging a JavaScript object out of the interpreter reaches nothing: no function constructor, no process.
    const dig = await run([
      "import gc",
      "found = [o for o in gc.get_objects() if type(o).__name__.startswith('Js')]",
      "outputs['escaped'] = []",
      "outputs['found'] = len(found)",
      "for o in found[:200]:",
      "    try:",
      "        f = o.constructor.constructor",
      "        if f is not None: outputs['escaped'].append(str(f('return typeof process')()))",
      "    except Exception: pass",
    ].join("\n"));
    expect(dig).toMatchObject({ ok: true, values: { outputs: { escaped: [] } } });
    expect(dig.ok && (dig.values.outputs as { found: number }).found).toBeGreaterThan(0);
    expect(generation()).toBe(g);
  }, 120_000);

  it("stops a runaway loop and unbounded allocation with clear messages, and the worker stays up", async () => {
    const g = generation();
    expect(await run("while True: pass")).toMatchObject({ ok: false, error: "the Python code ran longer than its time limit of 1500 ms" });
    expect(replaced()).toBe(0);
    expect(await run("a = []\nwhile True: a.append(bytearray(10_000_000))")).toMatchObject({ ok: false, error: "the Python code used more than its memory limit of 96 MB" });
    expect(generation()).toBe(g);
    expect(await run("def f(n): return f(n + 1)\nf(0)")).toMatchObject({ ok: false, error: expect.stringMatching(/RecursionError/) });
    expect(await run("raise SystemExit(3)")).toMatchObject({ ok: false, error: expect.stringMatching(/SystemExit: 3/) });
    expect(await run("outputs['ok'] = 1")).toMatchObject({ ok: true, values: { outputs: { ok: 1 } } });
    expect(generation()).toBe(g);
    // Code that catches the interrupt once is interrupted again (or, if the second interrupt met
    // the first still unhandled on a busy machine, its worker is replaced): it ends either way.
    expect(await run("try:\n    while True: pass\nexcept KeyboardInterrupt:\n    pass\nwhile True: pass")).toMatchObject({ ok: false, error: "the Python code ran longer than its time limit of 1500 ms" });
    const before = replaced()!;
    // Code that keeps swallowing the interrupt is stopped by replacing the worker; the next call gets a new one.
    expect(await run("while True:\n    try:\n        while True: pass\n    except BaseException: pass")).toMatchObject({ ok: false, error: "the Python code ran longer than its time limit of 1500 ms" });
    expect(await run("outputs['ok'] = 2")).toMatchObject({ ok: true, values: { outputs: { ok: 2 } } });
    expect(replaced()).toBe(before + 1);
    expect(generation()).toBe(g! + 1 + before);
  }, 180_000);
});
