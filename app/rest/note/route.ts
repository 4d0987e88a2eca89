import { addNote, queryNotes } from "@/lib/domain/notes";
import { newNoteSchema } from "@/lib/schemas/notes";
import { listToRest, noteToRest } from "@/lib/rest/shapes";
import { withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

/** Phantom's note list: `_filter_container_id=5` or `_filter_container=5` picks one container's notes. */
export const GET = withRest("containers.read", async (ctx) => listToRest(await queryNotes(ctx.list()), noteToRest));

export const POST = withRest("containers.write", async (ctx) => {
  const input = await ctx.body(newNoteSchema);
  const note = await addNote(
    { containerId: input.container_id, title: input.title, content: input.content, noteType: input.note_type, taskId: input.task_id }, ctx.actor,
  );
  return { success: true, id: note.id };
});

// Methods this route does not serve: a JSON 405 with an Allow header (lib/rest/methods.ts).
export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE } from "@/lib/rest/methods";
