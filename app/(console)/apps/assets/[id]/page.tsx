import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssetForm } from "@/components/apps/asset-form";
import { AssetRunPanel } from "@/components/apps/asset-run-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { assetFormInitial, configurationOf, ownerChoices } from "@/lib/domain/asset-form";
import { ingestActionOf } from "@/lib/domain/asset-polling";
import { getAsset } from "@/lib/domain/assets";
import type { AppManifest } from "@/lib/schemas/app-manifest";
import { DomainError } from "@/lib/domain/errors";
import { idParam } from "@/lib/schemas/common";

export const metadata: Metadata = { title: "Asset" };

export default async function AssetPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePage("assets.manage");
  const id = idParam.safeParse((await params).id);
  if (!id.success) notFound();
  const asset = await getAsset(id.data).catch((e: unknown) => {
    if (e instanceof DomainError && e.kind === "not_found") notFound();
    throw e;
  });
  const ingest = ingestActionOf(asset.app.manifest as unknown as AppManifest) !== undefined;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600 dark:text-slate-400"><Link href="/apps/assets" className="link">Assets</Link></nav>
      <PageHeader title={asset.name} description={<>Asset of <Link href={`/apps/${asset.app.id}`} className="link">{asset.app.name}</Link> · version {asset.version}</>} />
      <div className="space-y-5">
        <AssetRunPanel assetId={asset.id} kind="test" />
        {ingest && (
          <AssetRunPanel assetId={asset.id} kind="poll">
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400" data-testid="poll-schedule">
              {asset.ingestPoll ? `Polls every ${formatInterval(asset.ingestIntervalSeconds ?? 0)}; next poll ${asset.nextPollAt?.toISOString() ?? "soon"}.` : "Polls only when asked (no schedule)."}
              {asset.lastPollAt && ` Last poll ${asset.lastPollAt.toISOString()}.`}
              {asset.lastPollMessage && <span className="block text-amber-700 dark:text-amber-400">{asset.lastPollMessage}</span>}
            </p>
          </AssetRunPanel>
        )}
        {/* Only masked values cross to the browser: secrets are "set" or null here. */}
        <AssetForm key={asset.version} app={{ id: asset.app.id, name: asset.app.name, configuration: configurationOf(asset.app), ingest }} owners={await ownerChoices()} initial={assetFormInitial(asset)} />
      </div>
    </>
  );
}

function formatInterval(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}
