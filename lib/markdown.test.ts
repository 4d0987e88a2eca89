import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown } from "./markdown";

describe("markdown for notes", () => {
  it("parses the blocks analysts write", () => {
    const blocks = parseMarkdown("# Findings\n\nThe host **web-1** ran `curl`.\n\n- one\n- two\n\n1. first\n\n> quoted\n\n```\n<b>raw</b>\n```");
    expect(blocks.map((b) => b.t)).toEqual(["h", "p", "ul", "ol", "quote", "pre"]);
    expect(blocks[1]).toEqual({
      t: "p",
      c: [{ t: "text", v: "The host " }, { t: "strong", c: [{ t: "text", v: "web-1" }] }, { t: "text", v: " ran " }, { t: "code", v: "curl" }, { t: "text", v: "." }],
    });
    expect(blocks[5]).toEqual({ t: "pre", v: "<b>raw</b>" });
  });

  it("keeps raw HTML as text and refuses script links", () => {
    expect(parseInline("<img src=x onerror=alert(1)>")).toEqual([{ t: "text", v: "<img src=x onerror=alert(1)>" }]);
    expect(parseInline("[x](javascript:alert(1))").some((n) => n.t === "link")).toBe(false);
    expect(parseInline("[docs](https://example.org/a)")).toEqual([{ t: "link", href: "https://example.org/a", c: [{ t: "text", v: "docs" }] }]);
  });
});
