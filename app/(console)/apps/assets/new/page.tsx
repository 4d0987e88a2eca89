import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssetForm } from "@/components/apps/asset-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { getApp } from "@/lib/domain/apps";
import { configurationOf, ownerChoices } from "@/lib/domain/asset-form";
import { ingestActionOf } from "@/lib/domain/asset-polling";
import type { AppManifest } from "@/lib/schemas/app-manifest";
import { idParam } from "@/lib/schemas/common";

export const metadata: Metadata = { title: "New asset" };

export default async function NewAssetPage({ searchParams }: { searchParams: Promise<{ app?: string }> }) {
  await requirePage("assets.manage");
  const id = idParam.safeParse((await searchParams).app);
  if (!id.success) notFound();
  const app = await getApp(id.data).catch(() => notFound());
  if (!app.enabled) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600 dark:text-slate-400"><Link href="/apps/assets" className="link">Assets</Link></nav>
      <PageHeader title={`New ${app.name} asset`} description={app.description} />
      <AssetForm app={{ id: app.id, name: app.name, configuration: configurationOf(app), ingest: ingestActionOf(app.manifest as unknown as AppManifest) !== undefined }} owners={await ownerChoices()} />
    </>
  );
}
