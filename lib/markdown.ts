// Markdown for notes, parsed by markdown-it into a small tree of plain nodes that React renders
// as elements (components/events/markdown.tsx): no HTML string is ever injected, raw HTML in a
// note shows as text, and links keep only http(s) and mailto targets.
//
// Why markdown-it and not react-markdown (micromark): measured on the adversarial inputs below,
// micromark is quadratic in several block and inline constructs (16 KB of "a\n=\n" took 6 s,
// "1. " repeated or ">" nested overflowed the stack), while markdown-it stays linear and caps
// nesting. Even linear parsing of 1 MB costs seconds, so only the first RENDER_LIMIT characters
// of a note are rendered; the console offers the full text as a download.
import MarkdownIt, { type Token } from "markdown-it";

/** Characters of a note that are parsed and shown; notes themselves may hold up to 1 MB. */
export const RENDER_LIMIT = 32 * 1024;

const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;

/** The link target a note may carry, or null: only http(s) and mailto, never javascript:/data:. */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  return SAFE_HREF.test(trimmed) ? trimmed : null;
}

export type MdTag =
  | "p" | "h1" | "h2" | "h3" | "blockquote" | "ul" | "ol" | "li" | "pre" | "code" | "hr" | "br"
  | "strong" | "em" | "s" | "a" | "table" | "thead" | "tbody" | "tr" | "th" | "td";

export interface MdElement {
  tag: MdTag;
  children: MdNode[];
  href?: string;
  start?: number;
  align?: "left" | "center" | "right";
}
export type MdNode = string | MdElement;

export interface ParsedMarkdown {
  nodes: MdNode[];
  /** True when the note was longer than RENDER_LIMIT and only its start was parsed. */
  truncated: boolean;
}

const md = new MarkdownIt("default", { html: false, linkify: true, typographer: false, maxNesting: 20 });
// markdown-it leaves a link whose target fails this check as plain text.
md.validateLink = (url) => safeHref(url) !== null;

const OPENING: Record<string, MdTag> = {
  paragraph_open: "p", blockquote_open: "blockquote", bullet_list_open: "ul", ordered_list_open: "ol",
  list_item_open: "li", strong_open: "strong", em_open: "em", s_open: "s", link_open: "a",
  table_open: "table", thead_open: "thead", tbody_open: "tbody", tr_open: "tr", th_open: "th", td_open: "td",
};

function headingTag(token: Token): MdTag {
  return token.tag === "h1" ? "h1" : token.tag === "h2" ? "h2" : "h3";
}

function alignOf(token: Token): MdElement["align"] {
  const m = /text-align:(left|center|right)/.exec(String(token.attrGet("style") ?? ""));
  return m ? (m[1] as MdElement["align"]) : undefined;
}

/** Turns markdown-it's flat token stream (nesting +1/-1) into a tree, keeping only known tags. */
function toTree(tokens: Token[], root: MdNode[]): void {
  const stack: MdNode[][] = [root];
  const top = () => stack[stack.length - 1]!;
  for (const t of tokens) {
    if (t.nesting === 1) {
      const tag = t.type === "heading_open" ? headingTag(t) : OPENING[t.type];
      // Tight lists mark their paragraphs hidden: their text goes straight into the item.
      if (!tag || (tag === "p" && t.hidden)) {
        stack.push(top());
        continue;
      }
      const el: MdElement = { tag, children: [] };
      if (tag === "a") el.href = safeHref(String(t.attrGet("href") ?? "")) ?? undefined;
      if (tag === "ol") el.start = Number(t.attrGet("start") ?? 1);
      if (tag === "th" || tag === "td") el.align = alignOf(t);
      top().push(el);
      stack.push(el.children);
    } else if (t.nesting === -1) {
      if (stack.length > 1) stack.pop();
    } else if (t.type === "inline") {
      toTree(t.children ?? [], top());
    } else if (t.type === "text" || t.type === "html_inline" || t.type === "html_block") {
      top().push(t.content);
    } else if (t.type === "code_inline") {
      top().push({ tag: "code", children: [t.content] });
    } else if (t.type === "fence" || t.type === "code_block") {
      top().push({ tag: "pre", children: [t.content.replace(/\n$/, "")] });
    } else if (t.type === "softbreak") {
      top().push("\n");
    } else if (t.type === "hardbreak") {
      top().push({ tag: "br", children: [] });
    } else if (t.type === "hr") {
      top().push({ tag: "hr", children: [] });
    } else if (t.type === "image") {
      // Remote images in notes would load from wherever a note points: show the alt text.
      top().push(t.content);
    }
  }
}

export function parseMarkdown(source: string): ParsedMarkdown {
  const truncated = source.length > RENDER_LIMIT;
  const text = truncated ? source.slice(0, RENDER_LIMIT) : source;
  const nodes: MdNode[] = [];
  toTree(md.parse(text, {}), nodes);
  return { nodes, truncated };
}
