import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newContainerSchema } from "../schemas/containers";
import type { Actor } from "./actor";
import { createContainer } from "./containers";
import { browseIndicators, indicatorDetail } from "./indicator-browse";
import { findIndicatorByValue } from "./indicators";
import { addNote } from "./notes";
import { globalSearch, SEARCH_KINDS } from "./search";

const actor: Actor = { id: null, name: "search-test", role: "system" };

describe("global search and indicator pages", () => {
  const tag = randomUUID().slice(0, 8);
  const ip = `172.${16 + (parseInt(tag.slice(0, 2), 16) % 16)}.${parseInt(tag.slice(2, 4), 16)}.${parseInt(tag.slice(4, 6), 16)}`;
  const host = `c2-${tag}.badcdn.test`;
  const hash = randomUUID().replace(/-/g, "") + randomUUID().replace(/-/g, "");

  it("finds a container by a CEF value, a note by a word, an indicator by prefix, and where an indicator was seen", async () => {
    const first = await createContainer(newContainerSchema.parse({
      name: `Beacon to ${host}`, description: "seen by the proxy",
      artifacts: [
        { name: "network", cef: { sourceAddress: ip, destinationPort: 443 } },
        { name: "web", cef: { requestURL: `https://${host}/gate.php`, destinationDnsDomain: host } },
      ],
    }), actor);
    const second = await createContainer(newContainerSchema.parse({
      name: "Dropper on a workstation", artifacts: [{ name: "file", cef: { sourceAddress: ip, fileHashSha256: hash } }],
    }), actor);
    await addNote({ containerId: second.id, title: "Triage", content: `Sandbox run: exfiltration${tag} confirmed`, noteType: "general" }, actor);

    const byIp = await globalSearch(ip, SEARCH_KINDS);
    expect(byIp.artifacts.items.map((a) => a.containerId).sort()).toEqual([first.id, second.id].sort());
    expect(byIp.indicators.items[0]).toMatchObject({ value: ip, count: 2 });

    const byUrl = await globalSearch(`https://${host}/gate.php`, SEARCH_KINDS);
    expect(byUrl.artifacts.items.map((a) => a.id)).toContain(first.artifacts[1]!.id);

    const byName = await globalSearch(host, ["containers"]);
    expect(byName.containers.items.map((c) => c.id)).toEqual([first.id]);

    const byWord = await globalSearch(`exfiltration${tag}`, SEARCH_KINDS);
    expect(byWord.notes.items).toMatchObject([{ containerId: second.id, title: "Triage" }]);
    expect(byWord.containers.items).toEqual([]);

    const byPrefix = await globalSearch(hash.slice(0, 12), ["indicators"]);
    expect(byPrefix.indicators.items.map((i) => i.value)).toEqual([hash]);

    const indicator = (await findIndicatorByValue(ip))!;
    const detail = await indicatorDetail(indicator.id, 0);
    expect(detail.total).toBe(2);
    expect(detail.indicator.containerCount).toBe(2);
    expect(detail.sightings.map((s) => [s.containerId, s.field]).sort()).toEqual([[first.id, "sourceAddress"], [second.id, "sourceAddress"]].sort());

    const listed = await browseIndicators({ type: "domain", value: host, pageSize: 10 });
    expect(listed.rows.map((r) => r.value)).toEqual([host]);
    expect(listed).toMatchObject({ total: 1, capped: false, next: null });
  });

  it("pages the indicator list by keyset without repeating rows", async () => {
    const values = Array.from({ length: 5 }, (_, i) => `page-${tag}-${i}.example.test`);
    await createContainer(newContainerSchema.parse({ name: "many domains", artifacts: values.map((v) => ({ cef: { destinationDnsDomain: v } })) }), actor);
    const one = await browseIndicators({ value: `page-${tag}`, pageSize: 3 });
    expect(one.rows).toHaveLength(3);
    const two = await browseIndicators({ value: `page-${tag}`, pageSize: 3, after: one.next! });
    expect(two.next).toBeNull();
    expect([...one.rows, ...two.rows].map((r) => r.value).sort()).toEqual(values.sort());
  });

  it("finds the same through the GIN indexes when the newest rows do not hold the word", async () => {
    // window 0: skip the scan of the newest rows, as a search for a rare word in a big database does.
    const viaIndex = await globalSearch(ip, SEARCH_KINDS, 10, { window: 0 });
    const direct = await globalSearch(ip, SEARCH_KINDS);
    expect(viaIndex.artifacts.items.map((a) => a.id)).toEqual(direct.artifacts.items.map((a) => a.id));
    expect(viaIndex.artifacts.items).toHaveLength(2);
    const note = await globalSearch(`exfiltration${tag}`, ["notes", "containers"], 10, { window: 0 });
    expect(note.notes.items).toHaveLength(1);
    expect((await globalSearch(host, ["containers"], 10, { window: 0 })).containers.items).toHaveLength(1);
  });

  it("matches nothing, without an error, for punctuation only", async () => {
    const r = await globalSearch("::", SEARCH_KINDS);
    expect(r.containers.items).toEqual([]);
  });
});
