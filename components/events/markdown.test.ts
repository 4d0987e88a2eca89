import { performance } from "node:perf_hooks";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe("a note as the console shows it", () => {
  it("never puts raw HTML or script links into the markup", () => {
    const out = html("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) [ok](https://example.org)");
    expect(out).not.toMatch(/<script|<img|href="javascript:/i);
    expect(out).toContain("[click](javascript:alert(1))"); // shown as the text it is
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank" class="link underline">ok</a>');
  });

  it("styles headings, code and GFM tables", () => {
    const out = html("# Findings\n\n`curl` ran\n\n| host | hits |\n|---|--:|\n| web-1 | 12 |\n\n~~wrong~~");
    expect(out).toContain('<h3 class="text-lg font-semibold">Findings</h3>');
    expect(out).toContain('<code class="rounded bg-slate-100');
    expect(out).toMatch(/<table[^>]*><thead[^>]*><tr><th class="[^"]*text-left">host<\/th><th class="[^"]*text-right">hits<\/th>/);
    expect(out).toContain("<s>wrong</s>");
  });

  it("tells the reader when a long note is cut short", () => {
    expect(html("x ".repeat(100_000))).toContain("Note truncated: only the first 32 KB of 196 KB are shown.");
    expect(html("short")).not.toContain("truncated");
  });

  it.each([["a 1 MB table", "|a|b|\n|-|-|\n" + "|x|y|\n".repeat(160_000)], ["40,000 brackets", "[".repeat(40_000)], ["nested quotes and lists", "> - ".repeat(250_000)]])(
    "renders %s within a time budget",
    (_name, source) => {
      const start = performance.now();
      html(source);
      expect(performance.now() - start).toBeLessThan(2000);
    },
  );
});
