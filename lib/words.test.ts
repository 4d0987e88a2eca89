import { describe, expect, it } from "vitest";
import { markdownText, neutralizeBidi, plural } from "./words";

describe("words", () => {
  it("counts with the right plural", () => {
    expect(plural(1, "artifact")).toBe("1 artifact");
    expect(plural(0, "artifact")).toBe("0 artifacts");
    expect(plural(2048, "byte")).toBe("2,048 bytes");
  });
  it("makes bidirectional controls visible so the real extension shows", () => {
    expect(neutralizeBidi("invoice\u202Etxt.exe")).toBe("invoice⟨U+202E⟩txt.exe");
    expect(neutralizeBidi("a\u2066b\u2069\u200Fc")).toBe("a⟨U+2066⟩b⟨U+2069⟩⟨U+200F⟩c");
    expect(neutralizeBidi("plain name")).toBe("plain name");
  });
});

describe("markdownText", () => {
  it("shows a note's markdown as text", () => {
    const md = "# Triage\n\n**Sender** spoofed, see [the report](https://example.test/r).\n\n| host | verdict |\n|---|---|\n| mail1 | `bad` |\n\n- blocked";
    expect(markdownText(md)).toBe("Triage Sender spoofed, see the report. host · verdict mail1 · bad blocked");
  });
  it("cuts to the length shown", () => {
    expect(markdownText("word ".repeat(1000), 20)).toHaveLength(20);
  });
});
