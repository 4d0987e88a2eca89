// "@name" in a note or comment tells the named users, in the transaction that writes it.
import type { Tx } from "../db/client";
import type { Actor } from "./actor";
import { notifyUsers } from "./notifications";

// A mention starts the text or follows a space or punctuation (so an email address is not one);
// usernames are letters, digits and . _ - (a trailing dot ends the sentence, not the name).
const MENTION = /(?:^|[^\w@.])@([A-Za-z0-9][\w.-]*[A-Za-z0-9_]|[A-Za-z0-9])/g;

export function mentionedNames(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!))].slice(0, 50);
}

/** Notifies the enabled users `text` mentions (not the author); returns how many were told. */
export async function notifyMentions(tx: Tx, text: string, where: { containerId: number; what: string }, actor: Actor): Promise<number> {
  const names = mentionedNames(text);
  if (names.length === 0) return 0;
  const users = await tx.user.findMany({ where: { username: { in: names, mode: "insensitive" }, disabled: false }, select: { id: true } });
  const ids = users.map((u) => u.id).filter((id) => id !== actor.id);
  return notifyUsers(tx, ids, {
    kind: "mention", title: `${actor.name} mentioned you in ${where.what}`, body: text.slice(0, 500),
    link: `/events/${where.containerId}`, objectType: "container", objectId: where.containerId,
  });
}
