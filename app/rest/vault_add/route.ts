import { addAttachment, vaultMaxBytes } from "@/lib/domain/vault";
import { vaultAddSchema } from "@/lib/schemas/notes";
import { withRest } from "@/lib/rest/with-rest";
import type { Prisma } from "@prisma/client";

export const dynamic = "force-dynamic";

export const POST = withRest(
  "containers.write",
  async (ctx) => {
    const input = await ctx.body(vaultAddSchema);
    const row = await addAttachment({
      containerId: input.container_id, name: input.file_name, bytes: Buffer.from(input.file_content, "base64"),
      mimeType: input.mime_type ?? undefined, metadata: input.metadata as Prisma.InputJsonObject,
    }, ctx.actor);
    return { succeeded: true, success: true, message: "success", id: row.id, hash: row.sha256, vault_id: row.sha256, size: row.size };
  },
  // base64 is 4/3 the size of the file, plus the JSON around it.
  { maxBody: Math.ceil(vaultMaxBytes() * 4 / 3) + 64 * 1024 },
);

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as GET, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
