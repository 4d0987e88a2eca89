// Saved queue filters: a user's named query strings for /events. Private to their owner.
import type { SavedFilter } from "@prisma/client";
import { db } from "../db/client";
import { DomainError } from "./errors";

export function listSavedFilters(userId: number): Promise<SavedFilter[]> {
  return db.savedFilter.findMany({ where: { userId }, orderBy: { name: "asc" } });
}

/** Saving under an existing name replaces that filter's query. */
export function saveFilter(userId: number, name: string, query: string): Promise<SavedFilter> {
  const clean = new URLSearchParams(query);
  clean.delete("cursor");
  return db.savedFilter.upsert({
    where: { userId_name: { userId, name } },
    create: { userId, name, query: clean.toString() },
    update: { query: clean.toString() },
  });
}

export async function deleteSavedFilter(userId: number, id: number): Promise<void> {
  const { count } = await db.savedFilter.deleteMany({ where: { id, userId } });
  if (!count) throw new DomainError("not_found", `saved filter ${id} does not exist`);
}
