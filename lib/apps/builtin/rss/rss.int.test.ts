// The RSS app's `on poll` through the whole path (POST /rest/action_run -> worker -> the app's
// child process -> saveContainer -> the REST ingestion code) against a feed server on loopback
// serving RSS 2.0 and Atom 1.0: one container per new entry with its indicators as artifacts,
// the cursor in app state, nothing ingested twice; and the failure paths.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { freePort } from "@/lib/testing/ports";
import { runAction, startHttpServer, type TestServer } from "@/lib/testing/action-kit";

let admin: Client;
let server: TestServer;
let containerId: number;
const tag = unique("feed");
const rssItems = [
  { guid: `${tag}-1`, title: `${tag} Phishing kit targets banks`, link: "https://blog.example/phishing-kit", date: "Mon, 30 Nov 2026 08:00:00 GMT", body: "The kit posts to hxxps://collect.evil[.]example/gate.php from 203.0.113.50." },
  { guid: `${tag}-2`, title: `${tag} New loader`, link: "https://blog.example/loader", date: "Tue, 01 Dec 2026 08:00:00 GMT", body: "Sample 44d88612fea8a8f36de82e1278abb02f beacons to 198.51.100.23." },
];
const rss = () => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Threat blog</title><link>https://blog.example/</link><description>test</description>
${[...rssItems].reverse().map((i) => `<item><title>${i.title}</title><link>${i.link}</link><guid isPermaLink="false">${i.guid}</guid><pubDate>${i.date}</pubDate><description><![CDATA[<p>${i.body}</p>]]></description></item>`).join("\n")}
</channel></rss>`;
const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Advisories</title><id>urn:uuid:${tag}-feed</id><updated>2026-12-01T09:00:00Z</updated>
<entry><title>${tag} Advisory 7</title><id>urn:uuid:${tag}-atom-7</id><link href="https://advisories.example/7"/><updated>2026-12-01T09:00:00Z</updated>
<summary>Block contact@bad-mail.example and https://bad.example/x</summary></entry></feed>`;

beforeAll(async () => {
  admin = await tokenClient("administrator");
  server = await startHttpServer((req, res) => {
    if (req.url === "/rss") return res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss());
    if (req.url === "/atom") return res.writeHead(200, { "content-type": "application/atom+xml" }).end(atom);
    if (req.url === "/private") return res.writeHead(401, { "content-type": "text/plain", "www-authenticate": 'Basic realm="feeds"' }).end("Unauthorized");
    if (req.url === "/silent") return void held.push(res);
    if (req.url === "/html") return res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Not a feed</body></html>");
    res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
  });
  containerId = (await admin.call("POST", "/rest/container", { name: "rss poll runs" })).body.id;
});
afterAll(async () => {
  for (const res of held) res.destroy();
  await server?.close();
});

const held: import("node:http").ServerResponse[] = [];

async function asset(configuration: Record<string, unknown>) {
  const name = unique("rss");
  const created = await admin.call("POST", "/rest/asset", { name, product_vendor: "Generic", product_name: "RSS", configuration });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return name;
}
const poll = async (name: string, parameters: Record<string, unknown> = {}) => {
  const { appRuns } = await runAction(admin, { action: "on poll", container_id: containerId, targets: [{ assets: [name], parameters: [parameters] }] });
  return appRuns[0]!.result_data[0];
};

describe("the RSS app's on poll", () => {
  it("creates one container per new entry, oldest first, with the link and the entry's indicators as artifacts", async () => {
    const name = await asset({ rss_feed: `${server.url}/rss` });
    const first = await poll(name);
    expect(first).toMatchObject({ status: "success", message: "Ingested 2 new entries of 2 in the feed", summary: { containers_created: 2 } });
    const [older, newer] = first.data as { container_id: number; source_data_identifier: string }[];
    expect(older!.source_data_identifier).toBe(`${tag}-1`);
    const container = await db.container.findUniqueOrThrow({ where: { id: older!.container_id }, include: { artifacts: { orderBy: { id: "asc" } } } });
    expect(container).toMatchObject({ name: `${tag} Phishing kit targets banks`, sourceDataIdentifier: `${tag}-1` });
    expect(container.artifacts.map((a) => a.cef)).toEqual([
      { requestURL: "https://blog.example/phishing-kit" },
      { requestURL: "https://collect.evil.example/gate.php" },
      { destinationDnsDomain: "collect.evil.example" },
      { destinationAddress: "203.0.113.50" },
    ]);
    expect(newer!.container_id).toBeGreaterThan(older!.container_id);

    // Polled again: nothing new. A third entry appears: only it is ingested.
    expect((await poll(name)).message).toBe("Ingested 0 new entries of 2 in the feed");
    rssItems.push({ guid: `${tag}-3`, title: `${tag} Third`, link: "https://blog.example/3", date: "Wed, 02 Dec 2026 08:00:00 GMT", body: "nothing" });
    const third = await poll(name);
    expect(third.message).toBe("Ingested 1 new entry of 3 in the feed");
    expect(await db.container.count({ where: { sourceDataIdentifier: { startsWith: tag } } })).toBe(3);
  }, 90_000);

  it("reads Atom, honours container_count, and artifact_count caps the artifacts", async () => {
    const name = await asset({ rss_feed: `${server.url}/atom`, artifact_count: 2 });
    const result = await poll(name, { container_count: 1 });
    expect(result.summary).toMatchObject({ containers_created: 1, entries_in_feed: 1 });
    const container = await db.container.findFirstOrThrow({ where: { sourceDataIdentifier: `urn:uuid:${tag}-atom-7` }, include: { artifacts: { orderBy: { id: "asc" } } } });
    expect(container.artifacts.map((a) => a.cef)).toEqual([{ requestURL: "https://advisories.example/7" }, { requestURL: "https://bad.example/x" }]);
  }, 60_000);

  it("a missing feed, a page that is not a feed and a refused connection fail the run saying why", async () => {
    expect((await poll(await asset({ rss_feed: `${server.url}/gone` }))).message).toBe("the feed refused the request with 404: Not Found");
    expect((await poll(await asset({ rss_feed: `${server.url}/html` }))).message).toMatch(/^the feed at http:\/\/127\.0\.0\.1:\d+ is not RSS or Atom/);
    const port = await freePort();
    expect((await poll(await asset({ rss_feed: `http://127.0.0.1:${port}/rss` }))).message).toBe(`the feed at http://127.0.0.1:${port} refused the connection (gave up after 3 attempts)`);
  }, 90_000);

  it("a feed that wants credentials and a feed that never answers fail the run saying why", async () => {
    const refused = await poll(await asset({ rss_feed: `${server.url}/private` }));
    expect(refused).toMatchObject({ status: "failed" });
    expect(refused.message).toBe("the feed refused the credentials (401): Unauthorized; check the asset's rss_feed: the RSS app sends no credentials, so the feed must be readable without a login");
    const silent = await poll(await asset({ rss_feed: `${server.url}/silent`, timeout: 1 }));
    expect(silent).toMatchObject({ status: "failed" });
    expect(silent.message).toBe(`the feed at ${server.url} did not answer within 1 s (the asset's timeout)`);
  }, 90_000);
});
