// The editor's "Export SOAR archive": an imported playbook's files as imported, in SOAR's export
// archive (what GET /rest/playbook/<id>/export answers to API callers), for the signed-in user.
import { contentDisposition } from "@/lib/content-disposition";
import { getPlaybook } from "@/lib/domain/playbooks";
import { exportSoarPlaybook } from "@/lib/domain/soar-import";
import { consoleDownload } from "@/lib/http/console-download";

export const dynamic = "force-dynamic";

export const GET = consoleDownload(async (id) => {
  const p = await getPlaybook(id);
  return new Response(new Uint8Array(await exportSoarPlaybook(p)), {
    headers: { "content-type": "application/gzip", "content-disposition": contentDisposition(`${p.name.replace(/[^\w.-]+/g, "_")}.tgz`), "x-content-type-options": "nosniff" },
  });
}, "playbooks.read");
