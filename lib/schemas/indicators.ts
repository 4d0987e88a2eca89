// What SOAR clients send about indicators: POST /rest/indicator/<id> {"tags": [...]} (the whole new
// list, as the community indicator_tag and indicator_remove_tag custom functions send it) and the
// ids of /rest/indicator_common_container.
import { z } from "zod";
import { id, tags } from "./common";

export const indicatorUpdateSchema = z.object({ tags: tags.describe("the indicator's tags: the whole new list (SOAR replaces them)") });
export type IndicatorUpdate = z.output<typeof indicatorUpdateSchema>;

/** indicator_ids=1,2 (SOAR's form) or [1, 2]. */
export const indicatorIdsSchema = z
  .string({ error: "indicator_ids is required, e.g. indicator_ids=1,2" })
  .transform((s) => s.replace(/^\s*\[|\]\s*$/g, "").split(",").map((x) => x.trim()).filter(Boolean).map(Number))
  .pipe(z.array(id, { error: "indicator_ids must be indicator ids, e.g. indicator_ids=1,2" }).min(1, "indicator_ids: name at least one indicator").max(1000, "indicator_ids: at most 1000 indicators"));
