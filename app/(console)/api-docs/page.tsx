import type { Metadata } from "next";
import { headers } from "next/headers";
import { OperationCard, type OperationView } from "@/components/api-docs/operation-card";
import { schemaFields } from "@/components/api-docs/schema-fields";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guard";
import { OPERATIONS } from "@/lib/rest/openapi";

export const metadata: Metadata = { title: "REST API" };

const example = (base: string) => `curl -s -H "ph-auth-token: $TOKEN" -H "content-type: application/json" \\
  -d '{"name": "Suspicious login", "label": "events", "severity": "high",
       "source_data_identifier": "siem-4711",
       "artifacts": [{"name": "source", "cef": {"sourceAddress": "203.0.113.9"}}]}' \\
  ${base}/rest/container
# {"success": true, "id": 42, "new_artifact_ids": [97]}

curl -s -H "ph-auth-token: $TOKEN" \\
  '${base}/rest/container?_filter_status="new"&_filter_severity__in=["high","medium"]&sort=create_time&order=desc&page_size=25'`;

export default async function ApiDocsPage() {
  await requirePage("console.view");
  // Examples name this instance, as the browser reached it, so they can be pasted as they are.
  const h = await headers();
  const base = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`;
  const ops: OperationView[] = OPERATIONS.map((op) => ({
    method: op.method.toUpperCase(), path: op.path, summary: op.summary, permission: op.permission, list: !!op.list,
    body: op.body ? schemaFields(op.body, "input") : null, response: schemaFields(op.response, "output"),
  }));
  const groups = new Map<string, OperationView[]>();
  for (const op of ops) {
    const key = op.path.split("/")[2] ?? "";
    groups.set(key, [...(groups.get(key) ?? []), op]);
  }
  return (
    <>
      <PageHeader
        title="REST API"
        description="Phantom-compatible: scripts and integrations written for Splunk SOAR work against Vigil unchanged."
        actions={<a href="/rest/openapi.json" className="text-sm font-medium link underline">OpenAPI 3.1 document</a>}
      />
      <section className="mb-6 grid gap-4 text-sm text-slate-700 md:grid-cols-2 dark:text-slate-300">
        <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="font-semibold text-slate-900 dark:text-slate-100">Authentication</h2>
          <p className="mt-2">
            Send an API token in the <code>ph-auth-token</code> header (administrators create tokens on the Administration
            page or with <code>vigil token create --user NAME</code>), or use HTTP Basic with a user&apos;s password. The
            role&apos;s permissions apply: an observer can read, automation accounts can create and update, deleting needs{" "}
            <code>containers.delete</code>.
          </p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="font-semibold text-slate-900 dark:text-slate-100">Answers and errors</h2>
          <p className="mt-2">
            Lists answer <code>{"{count, num_pages, data}"}</code>; creates <code>{"{success: true, id}"}</code>. Errors answer{" "}
            <code>{"{failed: true, message}"}</code>: 400 names the field, 401/403 for credentials and permissions, 404, 409 for
            a duplicate (with <code>existing_container_id</code> or <code>existing_artifact_id</code>), 413 for a body over the
            limit. Filter values are Python literals: <code>_filter_status=&quot;open&quot;</code>, <code>_filter_id__in=[1,2]</code>.
          </p>
        </div>
      </section>
      <pre className="mb-6 overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs text-slate-100 dark:bg-black">{example(base)}</pre>
      <nav aria-label="Endpoints" className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
        <h2 className="font-semibold">{ops.length} endpoints</h2>
        <ul className="mt-2 columns-1 gap-6 sm:columns-2 xl:columns-3">
          {[...groups].map(([group, list]) => (
            <li key={group} className="break-inside-avoid py-0.5">
              <a href={`#api-${group}`} className="font-mono link">/rest/{group}</a>{" "}
              <span className="text-xs text-slate-500 dark:text-slate-400">{list.map((op) => op.method).join(", ")}</span>
            </li>
          ))}
        </ul>
      </nav>
      <div className="space-y-8">
        {[...groups].map(([group, list]) => (
          <section key={group} aria-labelledby={`api-${group}`} className="scroll-mt-4">
            <h2 id={`api-${group}`} className="mb-3 font-mono text-lg font-semibold">/rest/{group}</h2>
            <div className="space-y-3">
              {list.map((op) => <OperationCard key={`${op.method} ${op.path}`} op={op} />)}
            </div>
          </section>
        ))}
      </div>
    </>
  );
}
