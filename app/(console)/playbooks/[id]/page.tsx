import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PlaybookEditor } from "@/components/playbook-editor/editor";
import { SoarPlaybookEditor } from "@/components/playbook-editor/soar/soar-view";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/domain/errors";
import { editorContext } from "@/lib/domain/playbook-editor";
import { playbookVersionGraph, playbookVersions } from "@/lib/domain/playbook-versions";
import { getPlaybook, getPlaybookRun } from "@/lib/domain/playbooks";
import { soarPlaybookView } from "@/lib/domain/soar-view";
import { idParam } from "@/lib/schemas/common";
import type { Graph } from "@/lib/schemas/playbooks";

export const metadata: Metadata = { title: "Playbook" };

/** The editor on a saved playbook; with `?run=<id>` a past run of it, read-only, in the debugger. */
export default async function PlaybookPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ run?: string }> }) {
  const user = await requirePage("playbooks.read");
  const id = idParam.safeParse((await params).id);
  const runParam = (await searchParams).run;
  const runId = runParam === undefined ? undefined : idParam.safeParse(runParam).data;
  if (!id.success) notFound();
  try {
    const p = await getPlaybook(id.data);
    const run = runId !== undefined ? await getPlaybookRun(runId) : null;
    if (run && run.playbookId !== p.id) notFound();
    if (p.soarGraph) {
      const [view, ctx] = await Promise.all([soarPlaybookView(p.id), editorContext(p.labels)]);
      return <SoarPlaybookEditor key={`${p.id}-${runId ?? ""}`} view={view} exportHref={`/api/playbooks/${p.id}/soar-export`} containers={ctx.containers} canRun={can(user.role, "playbooks.run")} runId={run?.id} />;
    }
    if (p.code !== null) notFound();
    const graph = (run ? await playbookVersionGraph(p.id, run.playbookVersion) : p.graph) as Graph | null;
    const [versions, ctx] = await Promise.all([playbookVersions(p.id), editorContext(p.labels)]);
    const playbook = {
      id: p.id, version: p.version, active: p.active, graph: graph ?? { nodes: {}, edges: [] }, inputSpec: p.inputSpec, outputSpec: p.outputSpec, tags: p.tags,
      meta: { name: p.name, repo: p.repo, labels: p.labels.join(", "), category: p.category, description: p.description, type: p.type as "automation" | "input" },
    };
    return <PlaybookEditor key={`${p.id}-${runId ?? ""}`} playbook={playbook} versions={versions} ctx={ctx} canWrite={can(user.role, "playbooks.write")} canRun={can(user.role, "playbooks.run")} runId={run?.id} />;
  } catch (err) {
    if (err instanceof DomainError && err.kind === "not_found") notFound();
    throw err;
  }
}
