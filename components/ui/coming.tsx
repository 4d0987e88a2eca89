import { PageHeader } from "./page-header";

/** The page for a section whose feature has not landed yet: says so plainly. */
export function Coming({ title, description, what }: { title: string; description: string; what: string[] }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <section className="rounded-lg border border-dashed border-slate-300 bg-white p-6 dark:border-slate-700 dark:bg-slate-900">
        <p className="text-sm font-medium text-amber-700 dark:text-amber-400">Coming</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">This part of Vigil is being built. It will bring:</p>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
          {what.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
