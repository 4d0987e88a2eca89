import type { Metadata } from "next";
import Link from "next/link";
import { AppToggle } from "@/components/apps/app-toggle";
import { AppUpload } from "@/components/apps/app-upload";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { appsOverview } from "@/lib/domain/apps";

export const metadata: Metadata = { title: "Apps & Assets" };

export default async function AppsPage() {
  const user = await requirePage("apps.read");
  const apps = await appsOverview();
  const canWrite = can(user.role, "apps.write");
  return (
    <>
      <PageHeader
        title="Apps"
        description="Installed integrations and their actions. An app with a bad manifest stays disabled and says why."
        actions={<Link href="/apps/assets" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">Assets</Link>}
      />
      {canWrite && <AppUpload />}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-sm" aria-label="Apps">
          <thead className="border-b border-slate-200 text-left text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400">
            <tr>
              <th className="px-4 py-2 font-medium">App</th><th className="px-4 py-2 font-medium">Vendor / product</th>
              <th className="px-4 py-2 font-medium">Version</th><th className="px-4 py-2 font-medium">Assets</th><th className="px-4 py-2 font-medium">Status</th>
            </tr>
          </thead>
          <tbody>
            {apps.map((a) => (
              <tr key={a.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                <td className="px-4 py-2"><Link href={`/apps/${a.id}`} className="link font-medium">{a.name}</Link>
                  {a.error && <p role="note" className="mt-1 text-xs text-red-700 dark:text-red-400">Bad manifest: {a.error}</p>}</td>
                <td className="px-4 py-2">{a.productVendor} / {a.productName}</td>
                <td className="px-4 py-2 font-mono text-xs">{a.appVersion}</td>
                <td className="px-4 py-2">{a.assetCount}</td>
                <td className="px-4 py-2"><AppToggle id={a.id} name={a.name} enabled={a.enabled} broken={a.error !== null} canWrite={canWrite} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
