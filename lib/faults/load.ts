// The load the fault-injection suite runs while it breaks things: REST clients ingesting
// containers with source_data_identifiers (each retries its event, as SOAR clients do, until it
// is acknowledged), console-like readers (a REST list and the events queue's JSON with a
// session cookie), and a /api/health poller. It records every answer, so the suite can assert
// that nothing acknowledged was lost and that no request answered 500.
import { randomBytes } from "node:crypto";

export interface LoadOptions {
  url: string;
  token: string;
  cookie: string;
  writers: number;
  /** Prefix of this run's source_data_identifiers. */
  tag: string;
  /** Bytes of incompressible text in each artifact (to fill a disk quickly); none by default. */
  padBytes?: number;
}

export interface Sample {
  at: number;
  status: string; // the health status, or "unreachable"
}

export interface LoadResult {
  /** SDIs the server acknowledged (200, or 400 naming the container our earlier attempt made). */
  acked: string[];
  /** Answers by status ("net" for a refused or cut connection). */
  statuses: Record<string, number>;
  /** Answers other than 200 by status and kind of request ("503 write", "net read", ...). */
  others: Record<string, number>;
  /** Answers that must never happen: 5xx other than 503 (and their bodies). */
  bad: string[];
  health: Sample[];
  /** Times of acknowledged writes. */
  ackTimes: number[];
  /** Times the console's live-updates stream (/api/live) said containers changed. */
  liveEvents: number[];
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startLoad(opts: LoadOptions) {
  let running = true;
  const result: LoadResult = { acked: [], statuses: {}, others: {}, bad: [], health: [], ackTimes: [], liveEvents: [] };
  const streams = new AbortController();
  const count = (key: string, what: string) => {
    result.statuses[key] = (result.statuses[key] ?? 0) + 1;
    const other = `${key} ${what.startsWith("POST") ? "write" : "read"}`;
    if (key !== "200") result.others[other] = (result.others[other] ?? 0) + 1;
  };
  const judge = async (what: string, res: Response) => {
    count(String(res.status), what);
    const text = await res.text();
    // 507 is the disk-full answer, and must say which disk.
    const fine = res.status === 503 || (res.status === 507 && /disk holding/.test(text));
    if (res.status >= 500 && !fine) result.bad.push(`${what}: ${res.status} ${text.slice(0, 300)}`);
    if (res.status === 503 && what.startsWith("POST") && !/"failed":true/.test(text)) result.bad.push(`${what}: 503 without the {failed, message} envelope`);
    if (res.status === 503 && !res.headers.get("retry-after") && !what.includes("health")) result.bad.push(`${what}: 503 without Retry-After`);
    return text;
  };

  const writer = async (w: number) => {
    for (let n = 0; running; n++) {
      const sdi = `${opts.tag}-${w}-${n}`;
      const body = JSON.stringify({
        name: `fault load ${sdi}`, label: "events", severity: "medium", source_data_identifier: sdi,
        artifacts: [{ name: "conn", label: "event", cef: {
          sourceAddress: `10.${w}.${(n >> 8) & 255}.${n & 255}`, destinationPort: 443,
          ...(opts.padBytes ? { message: randomBytes(Math.ceil(opts.padBytes * 0.75)).toString("base64") } : {}),
        } }],
      });
      // The same event is sent until it is acknowledged: that is what makes "nothing lost" checkable.
      while (running) {
        try {
          const res = await fetch(`${opts.url}/rest/container`, {
            method: "POST", body, signal: AbortSignal.timeout(30_000),
            headers: { "ph-auth-token": opts.token, "content-type": "application/json" },
          });
          const text = await judge("POST /rest/container", res);
          if (res.status === 200 || (res.status === 400 && text.includes("existing_container_id"))) {
            result.acked.push(sdi);
            result.ackTimes.push(Date.now());
            break;
          }
          await pause(Number(res.headers.get("retry-after") ?? 0.2) * 250);
        } catch {
          count("net", "POST");
          await pause(200);
        }
      }
    }
  };

  const reader = async () => {
    const gets: [string, Record<string, string>][] = [
      ["/rest/container?page_size=5&sort=id&order=desc", { "ph-auth-token": opts.token }],
      ["/api/events", { cookie: opts.cookie }],
    ];
    for (let i = 0; running; i++) {
      const [path, headers] = gets[i % gets.length]!;
      try {
        await judge(`GET ${path}`, await fetch(`${opts.url}${path}`, { headers, signal: AbortSignal.timeout(30_000) }));
      } catch {
        count("net", "GET");
        await pause(200);
      }
    }
  };

  const health = async () => {
    while (running) {
      let status = "unreachable";
      try {
        const res = await fetch(`${opts.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
        status = ((await res.json()) as { status: string }).status;
      } catch {
        /* unreachable */
      }
      result.health.push({ at: Date.now(), status });
      await pause(100);
    }
  };

  // A console tab's live-updates stream, reopened whenever it ends (as the browser's EventSource does).
  const live = async () => {
    while (running) {
      try {
        const res = await fetch(`${opts.url}/api/live`, { headers: { cookie: opts.cookie }, signal: streams.signal });
        if (res.status !== 200 || !res.body) {
          await res.body?.cancel();
          await pause(300);
          continue;
        }
        const decoder = new TextDecoder();
        const reader = res.body.getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          if (decoder.decode(read.value).includes("event: containers")) result.liveEvents.push(Date.now());
        }
      } catch {
        await pause(300);
      }
    }
  };

  const loops = [live(), ...Array.from({ length: opts.writers }, (_, w) => writer(w)), reader(), health()];
  return {
    result,
    async stop(): Promise<LoadResult> {
      running = false;
      streams.abort();
      await Promise.all(loops);
      return result;
    },
  };
}
