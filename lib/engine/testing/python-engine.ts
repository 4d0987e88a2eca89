// For integration tests of SOAR Python playbooks: an engine in the test process with its Python
// sandbox warm before the first run (as in a running worker), stopped after the file.
import { afterAll, beforeAll, expect } from "vitest";
import { closePythonSandbox, runPython } from "../python/sandbox";
import { Engine } from "../runner";

export function withPythonEngine(name: string, before?: () => Promise<void>): void {
  let engine: Engine | undefined;
  beforeAll(async () => {
    await before?.();
    expect(await runPython({ code: "pass" })).toMatchObject({ ok: true });
    engine = new Engine(`${name}-${process.pid}`, { pollMs: 100 });
    await engine.start();
  }, 180_000);
  afterAll(async () => {
    await engine?.stop();
    await closePythonSandbox();
  });
}
