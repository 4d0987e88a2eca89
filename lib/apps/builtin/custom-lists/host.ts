// Vigil's side of the custom lists capability (capability.ts): each call is one domain
// operation on behalf of the app run's actor, so every change is locked, validated and audited
// exactly as a change from the console or REST is.
import type { Actor } from "@/lib/domain/actor";
import { appendListRows, createCustomList, findInList, removeListRowsByValue } from "@/lib/domain/custom-lists";
import { DomainError } from "@/lib/domain/errors";
import type { ListRef } from "@/lib/domain/custom-lists";
import { validate } from "@/lib/rest/body";
import { listName, listRows } from "@/lib/schemas/custom-lists";
import type { ListsCapability } from "./capability";

/** A list parameter: digits are an id (as in /rest/decided_list/<id or name>), else a name. */
const ref = (list: string): ListRef => (/^\d{1,10}$/.test(list.trim()) ? Number(list.trim()) : validate(listName, list));

export function listsCapability(actor: Actor): ListsCapability {
  return {
    async find(list, value, opts) {
      const { list: found, matches } = await findInList(ref(list), value, opts);
      return { listId: found.id, matches };
    },
    async append(list, rows, opts) {
      const name = ref(list);
      const clean = validate(listRows, rows);
      try {
        const saved = await appendListRows(name, clean, actor);
        return { listId: saved.id, rows: saved.content.length, created: false };
      } catch (err) {
        if (!(err instanceof DomainError && err.kind === "not_found" && opts.create)) throw err;
        try {
          const created = await createCustomList(validate(listName, String(name)), clean, actor);
          return { listId: created.id, rows: created.content.length, created: true };
        } catch (raced) {
          // Another run created it between our two calls: append to theirs.
          if (!(raced instanceof DomainError && raced.kind === "conflict")) throw raced;
          const saved = await appendListRows(name, clean, actor);
          return { listId: saved.id, rows: saved.content.length, created: false };
        }
      }
    },
    async remove(list, value, opts) {
      const { list: saved, removed } = await removeListRowsByValue(ref(list), value, actor, opts.column);
      return { listId: saved.id, removed, rows: saved.content.length };
    },
  };
}
