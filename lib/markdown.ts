// A small markdown parser for notes. It produces a tree that React renders as elements, never
// an HTML string, so a note cannot inject markup or script: raw HTML in a note shows as text.
// Links keep only http(s) and mailto targets. Covers what analysts write: headings, paragraphs,
// lists, quotes, fenced code, `code`, **bold**, *italic* and [links](https://...).
export type Inline =
  | { t: "text"; v: string }
  | { t: "code"; v: string }
  | { t: "strong" | "em"; c: Inline[] }
  | { t: "link"; href: string; c: Inline[] };

export type Block =
  | { t: "h"; level: 1 | 2 | 3; c: Inline[] }
  | { t: "p"; c: Inline[] }
  | { t: "quote"; c: Inline[] }
  | { t: "ul" | "ol"; items: Inline[][] }
  | { t: "pre"; v: string };

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

export function parseInline(src: string): Inline[] {
  const out: Inline[] = [];
  let text = "";
  const flush = () => {
    if (text) out.push({ t: "text", v: text });
    text = "";
  };
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^`([^`]+)`/.exec(rest))) {
      flush();
      out.push({ t: "code", v: m[1]! });
    } else if ((m = /^\*\*(.+?)\*\*/.exec(rest))) {
      flush();
      out.push({ t: "strong", c: parseInline(m[1]!) });
    } else if ((m = /^\*([^*\s][^*]*?)\*/.exec(rest)) || (m = /^_([^_\s][^_]*?)_/.exec(rest))) {
      flush();
      out.push({ t: "em", c: parseInline(m[1]!) });
    } else if ((m = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(rest))) {
      flush();
      if (SAFE_HREF.test(m[2]!)) out.push({ t: "link", href: m[2]!, c: parseInline(m[1]!) });
      else out.push({ t: "text", v: m[0] });
    } else {
      text += src[i];
      i++;
      continue;
    }
    i += m[0].length;
  }
  flush();
  return out;
}

export function parseMarkdown(src: string): Block[] {
  const lines = src.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let para: string[] = [];
  const endPara = () => {
    if (para.length) blocks.push({ t: "p", c: parseInline(para.join(" ")) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let m: RegExpExecArray | null;
    if (/^```/.test(line)) {
      endPara();
      const code: string[] = [];
      while (++i < lines.length && !/^```/.test(lines[i]!)) code.push(lines[i]!);
      blocks.push({ t: "pre", v: code.join("\n") });
    } else if ((m = /^(#{1,3})\s+(.*)$/.exec(line))) {
      endPara();
      blocks.push({ t: "h", level: m[1]!.length as 1 | 2 | 3, c: parseInline(m[2]!) });
    } else if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      endPara();
      const ordered = /^\s*\d/.test(line);
      const items: Inline[][] = [];
      while (i < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[i]!) && /^\s*\d/.test(lines[i]!) === ordered) {
        items.push(parseInline(lines[i]!.replace(/^\s*([-*+]|\d+[.)])\s+/, "")));
        i++;
      }
      i--;
      blocks.push({ t: ordered ? "ol" : "ul", items });
    } else if ((m = /^>\s?(.*)$/.exec(line))) {
      endPara();
      blocks.push({ t: "quote", c: parseInline(m[1]!) });
    } else if (!line.trim()) {
      endPara();
    } else {
      para.push(line.trim());
    }
  }
  endPara();
  return blocks;
}
