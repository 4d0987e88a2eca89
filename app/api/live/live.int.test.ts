// The live-updates stream outlives the request that opened it: it must end when its session
// does, and survive the LISTEN connection being dropped. A Vigil of its own re-checks sessions
// every second (VIGIL_LIVE_CHECK_SECONDS=1) so the test does not wait 30 s.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { SYSTEM } from "@/lib/domain/actor";
import { createUser, setUserDisabled } from "@/lib/domain/users";
import { tokenClient, unique } from "@/lib/rest/rest-test-kit";
import { signInCookie } from "@/lib/testing/session";
import { startVigil, type VigilProcess } from "@/lib/testing/vigil-process";

let vigil: VigilProcess;

beforeAll(async () => {
  process.env.VIGIL_LIVE_CHECK_SECONDS = "1";
  try {
    vigil = await startVigil({ databaseUrl: inject("databaseUrl") });
  } finally {
    delete process.env.VIGIL_LIVE_CHECK_SECONDS;
  }
});

afterAll(async () => {
  await vigil?.stop();
});

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

async function analystCookie(): Promise<{ userId: number; cookie: string }> {
  const username = unique("live");
  const { user } = await createUser({ username, role: "analyst", password: "correct horse battery" }, SYSTEM);
  return { userId: user.id, cookie: await signInCookie(vigil.url, username, "correct horse battery") };
}

async function openStream(cookie: string) {
  const abort = new AbortController();
  const res = await fetch(`${vigil.url}/api/live`, { headers: { cookie }, signal: abort.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const stream = { text: "", ended: false, close: () => abort.abort() };
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      stream.text += decoder.decode(value, { stream: true });
    }
  })().catch(() => {}).finally(() => (stream.ended = true));
  await until("the stream to open", () => stream.text.includes(": connected"));
  return stream;
}

const containerEvents = (text: string) => text.split("event: containers").length - 1;

describe("/api/live", () => {
  it("ends a disabled user's open stream within the check interval, and refuses a new one", async () => {
    const { userId, cookie } = await analystCookie();
    const stream = await openStream(cookie);
    await setUserDisabled(userId, true, SYSTEM);
    const ms = await until("the stream to end", () => stream.ended, 10_000);
    expect(ms).toBeLessThan(3_000);
    expect(stream.text).toContain("event: signed-out");
    expect((await fetch(`${vigil.url}/api/live`, { headers: { cookie } })).status).toBe(401);
  });

  it("ends the stream of a session that was signed out", async () => {
    const { userId, cookie } = await analystCookie();
    const stream = await openStream(cookie);
    const other = await openStream((await analystCookie()).cookie);
    await db.session.deleteMany({ where: { userId } });
    await until("the stream to end", () => stream.ended, 3_000);
    // Another user's stream is untouched.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(other.ended).toBe(false);
    other.close();
  });

  it("reconnects a dropped LISTEN connection by itself and keeps delivering", async () => {
    const { cookie } = await analystCookie();
    const stream = await openStream(cookie);
    const bot = await tokenClient("automation");
    const admin = new pg.Client({ connectionString: inject("databaseUrl") });
    await admin.connect();
    try {
      const listenerPids = async () =>
        (await admin.query<{ pid: number }>("select pid from pg_stat_activity where application_name = $1", [`vigil live ${vigil.child.pid}`])).rows.map((r) => r.pid);
      const [before] = await listenerPids();
      expect(before).toBeDefined();
      await admin.query("select pg_terminate_backend($1)", [before]);
      await until("a new LISTEN connection", async () => {
        const pids = await listenerPids();
        return pids.length === 1 && pids[0] !== before;
      });
      // Back: open queues are told to refetch what they may have missed...
      await until("a catch-up event", () => containerEvents(stream.text) >= 1);
      const seen = containerEvents(stream.text);
      // ...and a new container reaches the open stream without it reconnecting.
      expect((await bot.call("POST", "/rest/container", { name: unique("after reconnect") })).status).toBe(200);
      await until("the new container's event", () => containerEvents(stream.text) > seen);
      expect(stream.ended).toBe(false);
    } finally {
      stream.close();
      await admin.end();
    }
  });
});
