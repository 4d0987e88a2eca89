// How the console words things: counts with the right plural, and names from outside (events,
// files, users) with bidirectional controls made visible so they cannot reorder what is shown.

/** "1 artifact", "2 artifacts", "1,024 bytes". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

// Embeddings, overrides, isolates and the implicit marks (LRM, RLM, ALM): any of them can make
// "invoice\u202Etxt.exe" read as "invoiceexe.txt".
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Replaces each bidirectional control with a visible "⟨U+202E⟩", so the text reads in stored order. */
export function neutralizeBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`);
}

/**
 * A note's markdown as one line of plain text, for a search result: marks, link targets, table
 * rules and headings dropped. Only the start is read (results show 300 characters), which also
 * keeps the patterns' cost bounded whatever the note holds.
 */
export function markdownText(md: string, max = 300): string {
  return md.slice(0, max * 4)
    .replace(/^\s*(```|~~~).*$/gm, "")
    .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/^[ \t]*\||\|[ \t]*$/gm, "")
    .replace(/^[\s|:-]*-[\s|:-]*$/gm, "")
    .replace(/[*_`~]+/g, "")
    .replace(/\s*\|\s*/g, " · ")
    .replace(/\s+/g, " ")
    .replace(/^[\s·]+|[\s·]+$/g, "")
    .slice(0, max);
}
