import { describe, expect, it } from "vitest";
import { parseMarkdown, RENDER_LIMIT, safeHref, type MdNode } from "./markdown";

const tags = (nodes: MdNode[]) => nodes.map((n) => (typeof n === "string" ? "text" : n.tag));

/** Inputs that made hand-written or micromark-based parsers quadratic or overflow the stack. */
const ADVERSARIAL: Record<string, string> = {
  brackets: "[".repeat(1_000_000), images: "![".repeat(500_000), emphasis: "*a".repeat(500_000), underscores: "_a".repeat(500_000),
  backticks: "`a``".repeat(250_000), angle: "<".repeat(1_000_000), quotes: ">".repeat(1_000_000), lists: "1. ".repeat(330_000),
  nested: "> - ".repeat(250_000), setext: "a\n=\n".repeat(250_000), linkOpens: "[a](".repeat(250_000), backslashes: "\\".repeat(1_000_000),
  table: "|a|b|\n|-|-|\n" + "|x|y|\n".repeat(160_000), wideTable: "|a".repeat(250_000) + "\n" + "|-".repeat(250_000) + "\n",
  mixed: "[*_`<".repeat(200_000), spaces: " ".repeat(1_000_000) + "x", references: "[a]".repeat(330_000) + "\n\n[a]: https://x",
};

describe("markdown for notes", () => {
  it("parses the blocks analysts write", () => {
    const { nodes } = parseMarkdown("# Findings\n\nThe host **web-1** ran `curl`.\n\n- one\n- two\n\n1. first\n\n> quoted\n\n```\n<b>raw</b>\n```");
    expect(tags(nodes)).toEqual(["h1", "p", "ul", "ol", "blockquote", "pre"]);
    expect(nodes[1]).toEqual({ tag: "p", children: ["The host ", { tag: "strong", children: ["web-1"] }, " ran ", { tag: "code", children: ["curl"] }, "."] });
    expect(nodes[2]).toEqual({ tag: "ul", children: [{ tag: "li", children: ["one"] }, { tag: "li", children: ["two"] }] });
    expect(nodes[5]).toEqual({ tag: "pre", children: ["<b>raw</b>"] });
  });

  it("renders GFM tables with their alignment", () => {
    const { nodes } = parseMarkdown("| host | hits |\n|:-----|-----:|\n| web-1 | 12 |");
    expect(nodes).toEqual([{ tag: "table", children: [
      { tag: "thead", children: [{ tag: "tr", children: [{ tag: "th", align: "left", children: ["host"] }, { tag: "th", align: "right", children: ["hits"] }] }] },
      { tag: "tbody", children: [{ tag: "tr", children: [{ tag: "td", align: "left", children: ["web-1"] }, { tag: "td", align: "right", children: ["12"] }] }] },
    ] }]);
  });

  it("keeps raw HTML as text and links only http(s) and mailto", () => {
    expect(parseMarkdown("<img src=x onerror=alert(1)>").nodes).toEqual([{ tag: "p", children: ["<img src=x onerror=alert(1)>"] }]);
    expect(JSON.stringify(parseMarkdown("[x](javascript:alert(1)) [y](data:text/html,hi) [z](JAVASCRIPT:a) <javascript:alert(1)>").nodes)).not.toContain('"tag":"a"');
    expect(parseMarkdown("[docs](https://example.org/a)").nodes).toEqual([{ tag: "p", children: [{ tag: "a", href: "https://example.org/a", children: ["docs"] }] }]);
    expect(safeHref("mailto:soc@example.org")).toBe("mailto:soc@example.org");
    expect(safeHref(" javascript:alert(1)")).toBeNull();
  });

  it("renders only the start of a long note and says so", () => {
    const long = "word ".repeat(40_000);
    const parsed = parseMarkdown(long);
    expect(parsed.truncated).toBe(true);
    expect(JSON.stringify(parsed.nodes).length).toBeLessThan(RENDER_LIMIT + 100);
    expect(parseMarkdown("short").truncated).toBe(false);
  });

  it.each(Object.keys(ADVERSARIAL))("parses a hostile 1 MB note (%s) within a time budget", (name) => {
    // The hand-written parser took 1.1 s on 40,000 "[" and minutes on 1 MB; micromark 6 s on 16 KB of setext headings.
    // CPU time, not wall time: a loaded machine stretches the wall clock, never the work done.
    const start = process.cpuUsage();
    parseMarkdown(ADVERSARIAL[name]!);
    const used = process.cpuUsage(start);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });
});
