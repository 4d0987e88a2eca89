import { describe, expect, it } from "vitest";
import { runInSandbox } from "./index";

const limits = { timeoutMs: 500, memoryBytes: 32 * 1024 * 1024 };
const run = (code: string) => runInSandbox({ code, read: ["outputs"], globals: { outputs: {} } }, limits);

describe("code sandbox", () => {
  it("runs code with globals and host functions and reads outputs back", async () => {
    const seen: unknown[] = [];
    const r = await runInSandbox({
      code: "outputs.sum = inputs.reduce((a, b) => a + b, 0); host.debug({ n: inputs.length }); outputs.echo = host.echo('x');",
      globals: { inputs: [1, 2, 3], outputs: {} },
      host: { debug: (v) => { seen.push(v); }, echo: (s) => `${String(s)}!` },
      read: ["outputs"],
    }, limits);
    expect(r).toEqual({ ok: true, values: { outputs: { sum: 6, echo: "x!" } } });
    expect(seen).toEqual([{ n: 3 }]);
  });

  it("has no process, environment, modules, network or clock", async () => {
    expect(await run("outputs.env = process.env.HOME")).toMatchObject({ ok: false, error: expect.stringMatching(/'process' is not defined/) });
    expect(await run("require('fs')")).toMatchObject({ ok: false, error: expect.stringMatching(/'require' is not defined/) });
    expect(await run("import('fs').then(() => { outputs.loaded = true; }, (e) => { outputs.refused = String(e); })")).toEqual({ ok: true, values: { outputs: { refused: expect.stringMatching(/fs/) } } });
    expect(await run("fetch('http://127.0.0.1')")).toMatchObject({ ok: false, error: expect.stringMatching(/'fetch' is not defined/) });
    expect(await run("new WebSocket('ws://127.0.0.1')")).toMatchObject({ ok: false, error: expect.stringMatching(/'WebSocket' is not defined/) });
    expect(await run("Date.now()")).toMatchObject({ ok: false, error: expect.stringMatching(/clock is not available/) });
    expect(await run("outputs.y = new Date('2026-01-02T00:00:00Z').getUTCFullYear()")).toEqual({ ok: true, values: { outputs: { y: 2026 } } });
  });

  it("stops a runaway loop, unbounded allocation and deep recursion, and keeps working after", async () => {
    const t0 = Date.now();
    expect(await run("while (true) {}")).toEqual({ ok: false, error: "the code ran longer than its time limit of 500 ms" });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(await run("const a = []; while (true) a.push(new Array(100000).fill(a.length));")).toEqual({ ok: false, error: "the code used more than its memory limit of 32 MB" });
    expect(await run("let s = 'ab'; for (;;) s = s + s;")).toMatchObject({ ok: false });
    expect(await run("function f(n) { return f(n + 1) + 1; } f(0)")).toMatchObject({ ok: false, error: expect.stringMatching(/stack|recursion/i) });
    expect(await run("throw new Error('boom')")).toEqual({ ok: false, error: "Error: boom" });
    expect(await run("outputs.ok = 1")).toEqual({ ok: true, values: { outputs: { ok: 1 } } });
  });
});
