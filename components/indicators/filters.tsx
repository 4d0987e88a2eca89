import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";

/** A plain GET form: filters live in the URL, so a filtered list can be shared and bookmarked. */
export function IndicatorFilters({ types, type, value }: { types: string[]; type: string; value: string }) {
  return (
    <form method="get" action="/indicators" role="search" aria-label="Filter indicators" className="mb-4 flex flex-wrap items-end gap-2">
      <div className="w-44">
        <label htmlFor="ind-type" className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">Type</label>
        <Select id="ind-type" name="type" defaultValue={type}>
          <option value="">Any type</option>
          {types.map((t) => <option key={t} value={t}>{t}</option>)}
        </Select>
      </div>
      <div className="w-72 max-w-full">
        <label htmlFor="ind-value" className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">Value contains</label>
        <Input id="ind-value" name="value" defaultValue={value} placeholder="10.0.0.1, example.com, a3f9..." autoComplete="off" />
      </div>
      <Button type="submit">Filter</Button>
      {(type || value) && <Link href="/indicators" className="link px-2 py-1.5 text-sm">Clear</Link>}
    </form>
  );
}
