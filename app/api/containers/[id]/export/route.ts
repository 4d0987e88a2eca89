// The console's Export button: the same tar as GET /rest/container/<id>/export, for a signed-in user.
import { Readable } from "node:stream";
import { contentDisposition } from "@/lib/content-disposition";
import { exportContainer } from "@/lib/domain/container-export";
import { consoleDownload } from "@/lib/http/console-download";

export const dynamic = "force-dynamic";

export const GET = consoleDownload(async (id) => {
  const { fileName, stream } = await exportContainer(id);
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: { "content-type": "application/x-tar", "content-disposition": contentDisposition(fileName), "x-content-type-options": "nosniff" },
  });
});
