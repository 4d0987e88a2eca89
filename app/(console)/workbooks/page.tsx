import type { Metadata } from "next";
import Link from "next/link";
import { Section } from "@/components/events/section";
import { PageHeader } from "@/components/ui/page-header";
import { TemplateEditor, type EditorTemplate } from "@/components/workbooks/template-editor";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { listTemplates, type TemplateRecord } from "@/lib/domain/workbooks/templates";

export const metadata: Metadata = { title: "Workbooks" };

function toEditor(t: TemplateRecord): EditorTemplate {
  return {
    id: t.id, name: t.name, description: t.description, labels: t.labels, is_default: t.isDefault, is_note_required: t.isNoteRequired,
    phases: t.phases.map((p) => ({
      name: p.name, sla: p.sla,
      tasks: p.tasks.map((k) => ({ name: k.name, description: k.description, is_note_required: k.isNoteRequired, sla: k.sla, suggestions: k.suggestions })),
    })),
  };
}

export default async function Page({ searchParams }: { searchParams: Promise<{ template?: string }> }) {
  const user = await requirePage("workbooks.read");
  const canWrite = can(user.role, "workbooks.write");
  const templates = (await listTemplates({ filters: [], order: "asc", sort: "name", page: 0, pageSize: 0 })).data;
  const chosen = (await searchParams).template;
  const editing = chosen === "new" ? null : templates.find((t) => String(t.id) === chosen) ?? null;
  return (
    <>
      <PageHeader title="Workbooks" description="Templates of phases and tasks analysts follow; a template is applied to new events of the labels it names." />
      <div className="grid gap-4 lg:grid-cols-3">
        <Section title="Templates" count={templates.length} actions={canWrite ? <Link className="link text-sm" href="/workbooks?template=new">New template</Link> : undefined}>
          <ul className="space-y-1 text-sm">
            {templates.map((t) => (
              <li key={t.id}>
                <Link className="link font-medium" href={`/workbooks?template=${t.id}`}>{t.name}</Link>
                <span className="ml-1 text-slate-500">{t.phases.length} phases · {t.phases.reduce((n, p) => n + p.tasks.length, 0)} tasks
                  {t.isDefault ? " · default" : ""}{t.labels.length ? ` · labels ${t.labels.join(", ")}` : ""}</span>
              </li>
            ))}
          </ul>
        </Section>
        <div className="lg:col-span-2">
          {(editing || chosen === "new") && (
            <TemplateEditor key={editing?.id ?? "new"} initial={editing ? toEditor(editing) : null} canWrite={canWrite} />
          )}
        </div>
      </div>
    </>
  );
}
