import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { appsOverview } from "@/lib/domain/apps";
import { listAssets } from "@/lib/domain/assets";

export const metadata: Metadata = { title: "Assets" };

export default async function AssetsPage() {
  const user = await requirePage("apps.read");
  const [page, apps] = await Promise.all([listAssets({ page: 0, pageSize: 0, sort: "name", order: "asc", filters: [] }), appsOverview()]);
  const manage = can(user.role, "assets.manage");
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600 dark:text-slate-400"><Link href="/apps" className="link">Apps</Link></nav>
      <PageHeader title="Assets" description="Configured instances of apps: connection details, credentials, owners and limits." />
      {manage && (
        <div className="mb-4 flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-600 dark:text-slate-400">New asset of</span>
          {apps.filter((a) => a.enabled).map((a) => (
            <Link key={a.id} href={`/apps/assets/new?app=${a.id}`} className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">{a.name}</Link>
          ))}
        </div>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-sm" aria-label="Assets">
          <thead className="border-b border-slate-200 text-left text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400">
            <tr><th className="px-4 py-2 font-medium">Asset</th><th className="px-4 py-2 font-medium">App</th><th className="px-4 py-2 font-medium">Tags</th><th className="px-4 py-2 font-medium">Status</th></tr>
          </thead>
          <tbody>
            {page.data.length === 0 && <tr><td colSpan={4} className="px-4 py-3 text-slate-500">No assets yet.</td></tr>}
            {page.data.map((a) => (
              <tr key={a.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                <td className="px-4 py-2">{manage ? <Link href={`/apps/assets/${a.id}`} className="link font-medium">{a.name}</Link> : a.name}
                  {a.description && <p className="text-xs text-slate-500">{a.description}</p>}</td>
                <td className="px-4 py-2"><Link href={`/apps/${a.app.id}`} className="link">{a.app.name}</Link></td>
                <td className="px-4 py-2">{a.tags.join(", ")}</td>
                <td className="px-4 py-2">{a.disabled ? "disabled" : a.app.enabled ? "enabled" : "app disabled"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
