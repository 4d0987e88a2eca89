import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppActions } from "@/components/apps/app-actions";
import { AppToggle } from "@/components/apps/app-toggle";
import { Section } from "@/components/events/section";
import { Markdown } from "@/components/events/markdown";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { appDocumentation, getApp } from "@/lib/domain/apps";
import { DomainError } from "@/lib/domain/errors";
import type { AppManifest } from "@/lib/schemas/app-manifest";
import { idParam } from "@/lib/schemas/common";

export const metadata: Metadata = { title: "App" };

export default async function AppPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage("apps.read");
  const id = idParam.safeParse((await params).id);
  if (!id.success) notFound();
  const app = await getApp(id.data).catch((e: unknown) => {
    if (e instanceof DomainError && e.kind === "not_found") notFound();
    throw e;
  });
  const manifest = app.manifest as unknown as Partial<AppManifest>;
  const doc = await appDocumentation(app);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600 dark:text-slate-400"><Link href="/apps" className="link">Apps</Link></nav>
      <PageHeader
        title={app.name}
        description={<>{app.productVendor} / {app.productName} · version {app.appVersion} · {app.description}</>}
        actions={<div className="flex items-center gap-2">
          <AppToggle id={app.id} name={app.name} enabled={app.enabled} broken={app.error !== null} canWrite={can(user.role, "apps.write")} />
          {can(user.role, "assets.manage") && app.enabled && <Link href={`/apps/assets/new?app=${app.id}`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">New asset</Link>}
        </div>}
      />
      {app.error && <p role="alert" className="mb-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">This app is disabled because its manifest is bad: {app.error}</p>}
      {doc && <div className="mb-4"><Section title="Documentation"><Markdown source={doc} /></Section></div>}
      <AppActions actions={Array.isArray(manifest.actions) ? manifest.actions : []} />
    </>
  );
}
