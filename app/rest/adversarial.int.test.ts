// Property: no field of any create endpoint makes the server spend more than linear time. Long
// runs of separators, brackets, quotes and spaces ending in a character that does not fit are
// what make backtracking regexes and hand-written parsers quadratic (the vault_add base64 check
// took over a second on 32,000 spaces). Each request goes over real HTTP to the test server and
// must answer 2xx or 4xx, never 500, within a time budget generous enough for a busy CI machine.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { restUrl, tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";

const BUDGET_MS = 2000;

let admin: Client;
let containerId = 0;
let artifactId = 0;

beforeAll(async () => {
  admin = await tokenClient("administrator");
  const c = await admin.call("POST", "/rest/container", { name: unique("adversarial target"), artifacts: [{ name: "a" }] });
  containerId = c.body.id;
  artifactId = c.body.new_artifact_ids[0];
});

/** A unit repeated to hundreds of KB, then a final character that breaks the pattern. */
const hostile = fc
  .tuple(
    fc.constantFrom(" ", "\t", "\n", "\r\n", "[", "(", "{", "\"", "'", "`", "*", "_", "=", ",", ":", ".", "/", "\\", "<", "#", "|", "-",
      "AAAA", "A ", "a@", "[a](", "*a", "> ", "1. ", "a\n=\n", "0.", "1e", "\\u", "%", "&#"),
    fc.integer({ min: 100_000, max: 400_000 }),
    fc.constantFrom("!", "]", "\u00e9", "\uffff", "=", "x", ""),
  )
  .map(([unit, length, last]) => "AAAA".concat(unit.repeat(Math.ceil(length / unit.length)), last));

type Body = (s: string) => unknown;
const ENDPOINTS: [string, string, Body[]][] = [
  ["POST", "/rest/container", [
    (s) => ({ name: s }), (s) => ({ name: "x", description: s }), (s) => ({ name: "x", source_data_identifier: s }),
    (s) => ({ name: "x", label: s }), (s) => ({ name: "x", severity: s }), (s) => ({ name: "x", tags: [s] }),
    (s) => ({ name: "x", data: { k: s } }), (s) => ({ name: "x", owner_id: s }), (s) => ({ name: "x", due_time: s }),
    (s) => ({ name: "x", artifacts: [{ name: "a", cef: { sourceAddress: s } }] }),
  ]],
  ["POST", "/rest/artifact", [
    (s) => ({ container_id: containerId, name: s }), (s) => ({ container_id: containerId, cef: { requestURL: s } }),
    (s) => ({ container_id: containerId, cef: { fileHash: s }, cef_types: { fileHash: ["hash"] } }),
    (s) => ({ container_id: containerId, source_data_identifier: s }), (s) => ({ container_id: containerId, tags: [s] }),
  ]],
  ["POST", "/rest/note", [(s) => ({ container_id: containerId, content: s }), (s) => ({ container_id: containerId, title: s, content: "x" })]],
  ["POST", "/rest/container_comment", [(s) => ({ container_id: containerId, comment: s })]],
  ["POST", "/rest/container/:id/comments", [(s) => ({ comment: s })]],
  ["POST", "/rest/container/:id/notes", [(s) => ({ content: s })]],
  ["POST", "/rest/vault_add", [
    (s) => ({ container_id: containerId, file_name: "a.txt", file_content: s }),
    (s) => ({ container_id: containerId, file_name: s, file_content: "aGk=" }),
  ]],
  ["POST", "/rest/cef", [(s) => ({ name: s }), (s) => ({ name: "adversarial", contains: [s] })]],
  ["POST", "/rest/severity", [(s) => ({ name: s }), (s) => ({ name: "x", color: s })]],
  ["POST", "/rest/container_status", [(s) => ({ name: s, status_type: "open" })]],
  ["POST", "/rest/container/:id", [(s) => ({ name: s }), (s) => ({ status: s }), (s) => ({ tags: [s] })]],
  ["POST", "/rest/artifact/:artifact", [(s) => ({ name: s }), (s) => ({ severity: s })]],
];

async function timed(method: string, path: string, body: string | undefined) {
  const started = performance.now();
  const res = await fetch(restUrl(path), {
    method, headers: { ...admin.headers, ...(body === undefined ? {} : { "content-type": "application/json" }) }, body,
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}

describe("long adversarial strings in every field of every create endpoint", () => {
  it.each(ENDPOINTS.map(([method, path, bodies]) => [`${method} ${path}`, method, path, bodies] as const))(
    "%s answers 2xx or 4xx within the time budget",
    async (_name, method, path, bodies) => {
      const url = path.replace(":id", String(containerId)).replace(":artifact", String(artifactId));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...bodies), hostile, async (body, s) => {
          const r = await timed(method, url, JSON.stringify(body(s)));
          const what = `${method} ${url} ${JSON.stringify(body(s)).slice(0, 80)}... -> ${r.status} ${r.text.slice(0, 200)}`;
          expect(r.status, what).toBeLessThan(500);
          expect(r.ms, what).toBeLessThan(BUDGET_MS);
        }),
        // The case the issue measured, first: spaces then a bad character in base64.
        { numRuns: 8, examples: path === "/rest/vault_add" ? [[bodies[0]!, "AAAA" + " ".repeat(1_000_000) + "!"]] : [] },
      );
    },
    120_000,
  );

  it("list filters whose literals are long runs of quotes, brackets and escapes answer 200 or 400 in time", async () => {
    // URLs are bounded by the server's header limit (16 KB): 4 KB literals stay under it percent-encoded.
    const literal = fc.constantFrom("[", "(", "\"", "'", "\\", "[1,", "'\\u", " ", "-1e", "((").map((u) => u.repeat(Math.ceil(4_000 / u.length)) + "!");
    const field = fc.constantFrom("name__icontains", "id__in", "tags__contains", "cef__a__b", "create_time__range");
    await fc.assert(
      fc.asyncProperty(literal, field, fc.constantFrom("container", "artifact", "indicator"), async (v, f, list) => {
        const r = await timed("GET", `/rest/${list}?_filter_${f}=${encodeURIComponent(v)}`, undefined);
        expect([200, 400, 414, 431], `${list} ${f} -> ${r.status} ${r.text.slice(0, 200)}`).toContain(r.status);
        expect(r.ms).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
