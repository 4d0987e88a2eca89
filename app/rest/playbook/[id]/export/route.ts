import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/domain/errors";
import { exportSoarPlaybook } from "@/lib/domain/soar-import";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

/** A SOAR export archive (gzipped tar of <name>.json and <name>.py) of an imported playbook. */
export const GET = withRest("playbooks.read", async (ctx) => {
  const p = await db.playbook.findUnique({ where: { id: ctx.id() } });
  if (!p) throw new DomainError("not_found", `no playbook with id ${ctx.id()}`);
  const archive = await exportSoarPlaybook(p);
  return new Response(new Uint8Array(archive), { headers: { "content-type": "application/gzip", "content-disposition": `attachment; filename="${p.name.replace(/[^A-Za-z0-9_. -]/g, "_")}.tgz"` } });
});
