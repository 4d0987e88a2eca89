// RSS app: SOAR's RSS `on poll` and `test connectivity`. Each poll reads the feed (RSS 0.9x/2.0,
// RSS 1.0 or Atom, parsed by rss-parser) and saves one container per entry it has not seen:
// name = the entry's title, source_data_identifier = its guid/id (else its link), the entry in
// `data`, an artifact with its link and one per indicator its text names (refanged). The SDIs of
// the last entries are the cursor kept in app state; saveContainer's dedup by SDI keeps a poll
// that died half-way from ingesting an entry twice.
import { createHash } from "node:crypto";
import Parser from "rss-parser";
import { failed, success, type ActionHandler, type AppContext, type AppModule, type IngestContainer } from "@/lib/apps/sdk";
import { callService, configNumber, configText, connectivityTest, serviceAction, ServiceFailure } from "../service-call";
import { findIndicators, INDICATOR_CEF } from "../text-indicators";

type Entry = Parser.Item & { id?: string };
interface Cursor { seen: string[] }
const KEEP_SEEN = 2000;

async function readFeed(ctx: AppContext): Promise<{ title?: string; link?: string; items: Entry[] }> {
  const url = configText(ctx.config, "rss_feed");
  if (!url) throw new ServiceFailure("the asset has no rss_feed: set the feed's URL");
  const res = await callService(ctx, {
    name: "the feed", baseUrl: url, timeoutS: configNumber(ctx.config, "timeout", 30),
    // The app sends no credentials: a 401/403 means the feed is not public.
    credentials: "the asset's rss_feed: the RSS app sends no credentials, so the feed must be readable without a login",
  }, {
    path: url,
    expect: "text",
    headers: { accept: "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1" },
  });
  try {
    return await new Parser().parseString(res.text);
  } catch (error) {
    throw new ServiceFailure(`the feed at ${new URL(url).origin} is not RSS or Atom (${(error as Error).message.split("\n")[0]})`);
  }
}

export const entryId = (e: Entry) => e.guid || e.id || e.link || createHash("sha256").update(`${e.title}\n${e.pubDate ?? e.isoDate ?? ""}`).digest("hex");

/** The container for one entry, with at most `maxArtifacts` artifacts (0: all). */
export function entryContainer(feed: { title?: string; link?: string }, entry: Entry, maxArtifacts: number): IngestContainer {
  const link = entry.link && /^https?:\/\//i.test(entry.link) ? entry.link : undefined;
  const artifacts: NonNullable<IngestContainer["artifacts"]> = link ? [{ name: "Feed entry link", label: "feed entry", cef: { requestURL: link }, cef_types: { requestURL: ["url"] } }] : [];
  const text = [entry.title, entry.content, entry.contentSnippet, entry.summary].filter(Boolean).join("\n");
  for (const found of findIndicators(text)) {
    if (found.kind === "url" && found.value === link) continue;
    const { field, contains } = INDICATOR_CEF[found.kind];
    artifacts.push({ name: `${found.kind} in entry`, label: "feed indicator", cef: { [field]: found.value }, cef_types: { [field]: contains } });
  }
  return {
    name: (entry.title || link || "Untitled feed entry").slice(0, 1024),
    source_data_identifier: entryId(entry).slice(0, 1024),
    description: (entry.contentSnippet ?? "").slice(0, 4000),
    ...(entry.isoDate ? { start_time: entry.isoDate } : {}),
    data: { feed: { title: feed.title, link: feed.link }, entry: { title: entry.title, link: entry.link, id: entryId(entry), published: entry.isoDate, author: entry.creator, categories: entry.categories } },
    artifacts: maxArtifacts > 0 ? artifacts.slice(0, maxArtifacts) : artifacts,
  };
}

const onPoll: ActionHandler = serviceAction(async (ctx, parameter) => {
  if (!ctx.saveContainer) return failed("on poll needs saveContainer: run it as the app's ingest action");
  const feed = await readFeed(ctx);
  const cursor = ((await ctx.state.get<Cursor>()) ?? { seen: [] }) as Cursor;
  const seen = new Set(Array.isArray(cursor.seen) ? cursor.seen : []);
  // Feeds list the newest first; ingest oldest first so containers are created in feed order.
  const fresh = feed.items.filter((e) => !seen.has(entryId(e))).reverse();
  const limit = Number(parameter.container_count) > 0 ? Number(parameter.container_count) : configNumber(ctx.config, "container_count", 0);
  const batch = limit > 0 ? fresh.slice(0, limit) : fresh;
  const maxArtifacts = Number(parameter.artifact_count) > 0 ? Number(parameter.artifact_count) : configNumber(ctx.config, "artifact_count", 0);
  const saved: { container_id: number; existing: boolean; source_data_identifier: string }[] = [];
  for (const entry of batch) {
    const container = entryContainer(feed, entry, maxArtifacts);
    const result = await ctx.saveContainer(container);
    saved.push({ container_id: result.id, existing: result.existing, source_data_identifier: container.source_data_identifier });
    seen.add(entryId(entry));
  }
  await ctx.state.set({ seen: [...seen].slice(-KEEP_SEEN) } satisfies Cursor);
  const created = saved.filter((s) => !s.existing).length;
  ctx.log.info(`feed ${feed.title ?? ""}: ${feed.items.length} entries, ${fresh.length} new, ${created} containers created`);
  return success(`Ingested ${created} new entr${created === 1 ? "y" : "ies"} of ${feed.items.length} in the feed`, saved, { containers_created: created, entries_in_feed: feed.items.length, entries_left: fresh.length - batch.length });
});

const app: AppModule = {
  actions: {
    test_connectivity: connectivityTest(async (ctx) => {
      const feed = await readFeed(ctx);
      ctx.log.info(`feed "${feed.title ?? ""}" has ${feed.items.length} entries`);
    }),
    on_poll: onPoll,
  },
};
export default app;
