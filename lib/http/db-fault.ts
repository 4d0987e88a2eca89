// A page, route handler or server action whose query met a restarting, cut-off or full database
// and let the error escape would answer 500 ("a bug"); the request's store (lib/db/transient.ts)
// knows better, and this turns that 500 into a 503 with Retry-After, which browsers' data
// fetching, load balancers and scripts all treat as "try again shortly".
import type http from "node:http";
import { requestDb, retryAfterSeconds, type TransientKind } from "../db/transient";

/** Runs `handle` with a fresh per-request store and rewrites its 500 when a database fault caused it. */
export function withDbFaultStatus<T>(res: http.ServerResponse, handle: () => T): T {
  const store: { transient?: TransientKind } = {};
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => http.ServerResponse;
  // Node calls writeHead for implicit headers too (statusCode set, then end()), so this sees every answer.
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (status === 500 && store.transient) {
      res.setHeader("retry-after", String(retryAfterSeconds(store.transient)));
      return writeHead(503, ...rest.filter((r) => typeof r !== "string"));
    }
    return writeHead(status, ...rest);
  }) as typeof res.writeHead;
  return requestDb.run(store, handle);
}
