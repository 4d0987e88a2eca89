// Helpers for the REST integration tests: callers of each role, a small fetch wrapper, and
// the recorded Phantom responses (../shared/fixtures/soar-rest/) to compare shapes against.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import tar from "tar-stream";
import { expect, inject } from "vitest";
import type { Role } from "../auth/permissions";
import { SYSTEM } from "../domain/actor";
import { createApiToken } from "../domain/api-tokens";
import { createUser } from "../domain/users";

export const unique = (p: string) => `${p}-${randomUUID().slice(0, 8)}`;

/** A tar archive of the given files (path inside the archive -> contents), as SOAR exports them. */
export async function tarOf(entries: Record<string, Buffer>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, body] of Object.entries(entries)) pack.entry({ name }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

// Tests read answers loosely and assert on them; a typed client would only restate the schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

export interface Client {
  username: string;
  password: string | null;
  headers: Record<string, string>;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Loose }>;
}

export function restUrl(p: string): string {
  return `${inject("vigilUrl")}${p}`;
}

function client(username: string, password: string | null, headers: Record<string, string>): Client {
  return {
    username, password, headers,
    async call(method, p, body) {
      const res = await fetch(restUrl(p), {
        method, headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON: keep the text for the assertion message */
      }
      return { status: res.status, body: parsed };
    },
  };
}

/** A user of `role` with an API token (ph-auth-token). */
export async function tokenClient(role: Role): Promise<Client> {
  const { user } = await createUser({ username: unique(`rest-${role}`), role, password: role === "automation" ? undefined : "correct horse battery" }, SYSTEM);
  const { token } = await createApiToken(user.id, "rest test", SYSTEM);
  return client(user.username, "correct horse battery", { "ph-auth-token": token });
}

/** The same kind of user, authenticating with HTTP Basic. */
export async function basicClient(role: Role, password = "correct horse battery"): Promise<Client> {
  const { user } = await createUser({ username: unique(`basic-${role}`), role, password: "correct horse battery" }, SYSTEM);
  const auth = Buffer.from(`${user.username}:${password}`).toString("base64");
  return client(user.username, password, { authorization: `Basic ${auth}` });
}

const FIXTURES = path.resolve(import.meta.dirname, "..", "..", "..", "shared", "fixtures", "soar-rest");

/** The recorded response body of a Phantom cassette, e.g. fixture("Phantom_container"). */
export function fixture(name: string): Loose {
  const cassette = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), "utf8"));
  return JSON.parse(cassette.http_interactions[0].response.body.string);
}

function kind(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

/** Every key Phantom answered is there, with the same JSON type (null matches anything). */
export function expectPhantomShape(ours: Record<string, unknown>, theirs: Record<string, unknown>, where: string): void {
  const missing = Object.keys(theirs).filter((k) => !(k in ours));
  expect(missing, `${where}: keys Phantom has and Vigil lacks`).toEqual([]);
  const mismatched = Object.keys(theirs).filter((k) => {
    const a = kind(ours[k]);
    const b = kind(theirs[k]);
    return a !== "null" && b !== "null" && a !== b;
  });
  expect(mismatched.map((k) => `${k}: ${kind(ours[k])} vs ${kind(theirs[k])}`), `${where}: types differ`).toEqual([]);
}
