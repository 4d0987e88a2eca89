// The server's side of the editor's live validation: the same checks (lib/engine/validate.ts)
// against the actions installed now, run before a playbook is activated or debugged. A draft
// with errors saves; it only cannot run on its own.
import type { Prisma } from "@prisma/client";
import { db } from "../db/client";
import { hasErrors, validateGraph, type ActionSpec, type Problem } from "../engine/validate";
import { graphSchema } from "../schemas/playbooks";
import type { AppManifest } from "../schemas/app-manifest";
import { DomainError } from "./errors";

/** Every enabled app's actions with their parameters (an action two apps offer merges its required ones). */
export async function actionSpecs(): Promise<Map<string, ActionSpec>> {
  const apps = await db.app.findMany({ where: { enabled: true }, select: { manifest: true } });
  const specs = new Map<string, ActionSpec>();
  for (const app of apps) {
    for (const a of (app.manifest as unknown as AppManifest).actions ?? []) {
      const params = Object.entries(a.parameters).map(([name, p]) => ({ name, required: p.required ?? false }));
      specs.set(a.action, { parameters: [...(specs.get(a.action)?.parameters ?? []), ...params] });
    }
  }
  return specs;
}

export async function playbookProblems(p: { graph: Prisma.JsonValue | null | undefined; inputSpec: unknown }): Promise<Problem[]> {
  if (p.graph === null || p.graph === undefined) return [];
  const graph = graphSchema.safeParse(p.graph);
  if (!graph.success) return [{ blockId: null, severity: "error", message: `the graph is not valid: ${graph.error.issues[0]?.message ?? "?"}` }];
  const inputs = Array.isArray(p.inputSpec) ? (p.inputSpec as { name: string }[]).map((i) => i.name) : [];
  return validateGraph(graph.data, { actions: await actionSpecs(), inputs });
}

/** Refuses to let a playbook with errors run by itself (activation) or in the debugger. */
export async function assertRunnable(p: { graph: Prisma.JsonValue | null | undefined; inputSpec: unknown }, doing: string): Promise<void> {
  const problems = (await playbookProblems(p)).filter((x) => x.severity === "error");
  if (!hasErrors(problems)) return;
  const first = problems[0]!;
  throw new DomainError("invalid", `the playbook has ${problems.length} error(s), so it cannot be ${doing}: ${first.blockId ? `block ${first.blockId}: ` : ""}${first.message}`, "graph");
}
