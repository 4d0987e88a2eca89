import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Time } from "@/components/ui/time";
import { ListRows } from "@/components/lists/list-rows";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { getCustomList } from "@/lib/domain/custom-lists";
import { DomainError } from "@/lib/domain/errors";
import { idParam } from "@/lib/schemas/common";

export const metadata: Metadata = { title: "Custom list" };

// A page shows this many rows, so a 100,000-row list never becomes one enormous document.
const PAGE_SIZE = 500;
type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ListPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const user = await requirePage("lists.read");
  const id = idParam.safeParse((await params).id);
  if (!id.success) notFound();
  const list = await getCustomList(id.data).catch((err) => {
    if (err instanceof DomainError && err.kind === "not_found") notFound();
    throw err;
  });
  const pages = Math.max(1, Math.ceil(list.content.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number((await searchParams).page) || 1));
  const start = (page - 1) * PAGE_SIZE;
  const columns = Math.max(1, ...list.content.map((r) => r.length));
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/lists" className="link">Custom lists</Link></p>
      <PageHeader
        title={list.name}
        description={<>{list.content.length} row{list.content.length === 1 ? "" : "s"} · modified <Time value={list.updatedAt} /> · custom_list:{list.name}</>}
      />
      <ListRows
        id={list.id}
        name={list.name}
        start={start}
        rows={list.content.slice(start, start + PAGE_SIZE)}
        columns={columns}
        canWrite={can(user.role, "lists.write")}
      />
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-3 flex gap-3 text-sm">
          {page > 1 && <Link href={`/lists/${list.id}?page=${page - 1}`} className="link">Previous page</Link>}
          <span className="text-slate-500">Page {page} of {pages}</span>
          {page < pages && <Link href={`/lists/${list.id}?page=${page + 1}`} className="link">Next page</Link>}
        </nav>
      )}
    </>
  );
}
