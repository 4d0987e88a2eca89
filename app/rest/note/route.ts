import { addNote } from "@/lib/domain/notes";
import { newNoteSchema } from "@/lib/schemas/notes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const POST = withRest("containers.write", async (ctx) => {
  const input = await ctx.body(newNoteSchema);
  const note = await addNote(
    { containerId: input.container_id, title: input.title, content: input.content, noteType: input.note_type }, ctx.actor,
  );
  return { success: true, id: note.id };
});
