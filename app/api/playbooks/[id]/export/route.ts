// The playbook list's Export: the playbook as Vigil JSON (what Import on that page reads back).
import { contentDisposition } from "@/lib/content-disposition";
import { exportPlaybook } from "@/lib/domain/playbook-library";
import { consoleDownload } from "@/lib/http/console-download";

export const dynamic = "force-dynamic";

export const GET = consoleDownload(async (id) => {
  const p = await exportPlaybook(id);
  return new Response(JSON.stringify(p, null, 2), {
    headers: {
      "content-type": "application/json", "content-disposition": contentDisposition(`${p.repo}-${p.name}.json`.replace(/[^\w.-]+/g, "_")),
      "x-content-type-options": "nosniff",
    },
  });
}, "playbooks.read");
