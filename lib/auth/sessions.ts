// Browser sessions live in PostgreSQL; the next-auth cookie only names one. Signing out,
// disabling a user or an expired session is therefore enforced on the very next request.
import { randomBytes } from "node:crypto";
import { db } from "../db/client";
import type { Role } from "./permissions";

export interface SessionUser {
  id: number;
  username: string;
  name: string;
  role: Role;
  /** IANA zone the console shows times in. */
  timeZone: string;
  sessionId: string;
}

export async function createSession(
  userId: number,
  maxAgeSeconds: number,
  meta: { address?: string | null; userAgent?: string | null },
): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await db.session.create({
    data: {
      id, userId, expiresAt: new Date(Date.now() + maxAgeSeconds * 1000),
      address: meta.address ?? null, userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return id;
}

export async function loadSession(id: string): Promise<SessionUser | null> {
  const session = await db.session.findUnique({
    where: { id },
    include: { user: { select: { id: true, username: true, name: true, role: true, disabled: true, timeZone: true } } },
  });
  if (!session || session.user.disabled) return null;
  if (session.expiresAt.getTime() <= Date.now()) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  const { user } = session;
  return { id: user.id, username: user.username, name: user.name, role: user.role, timeZone: user.timeZone, sessionId: id };
}

export async function endSession(id: string): Promise<void> {
  await db.session.deleteMany({ where: { id } });
}
