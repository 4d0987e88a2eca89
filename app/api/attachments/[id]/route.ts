// Downloads a vault file for the console: always as an attachment (never rendered inline, so an
// uploaded HTML file cannot run in Vigil's origin), under its own name, with its SHA-256.
import { contentDisposition } from "@/lib/content-disposition";
import { readAttachment } from "@/lib/domain/vault";
import { consoleDownload } from "@/lib/http/console-download";

export const dynamic = "force-dynamic";

export const GET = consoleDownload(async (id) => {
  const { attachment, bytes } = await readAttachment(id);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "application/octet-stream",
      "content-disposition": contentDisposition(attachment.name),
      "content-length": String(bytes.length),
      "x-content-type-options": "nosniff",
      "x-vault-sha256": attachment.sha256,
    },
  });
});
