import { createContainer, listContainers } from "@/lib/domain/containers";
import { newContainerSchema } from "@/lib/schemas/containers";
import { containerToRest, listToRest } from "@/lib/rest/shapes";
import { RestRefusal, withRest } from "@/lib/rest/with-rest";

export const dynamic = "force-dynamic";

export const GET = withRest("containers.read", async (ctx) =>
  listToRest(await listContainers(ctx.list()), (c) => containerToRest(c, { detail: false })),
);

export const POST = withRest("containers.write", async (ctx) => {
  const result = await createContainer(await ctx.body(newContainerSchema), ctx.actor);
  if (!result.created) {
    throw new RestRefusal(409, "duplicate container: one with this source_data_identifier exists", { existing_container_id: result.id });
  }
  return { success: true, id: result.id, new_artifact_ids: result.artifacts.filter((a) => a.created).map((a) => a.id) };
});
