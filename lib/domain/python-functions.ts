// The top-level functions of a SOAR playbook's .py, cut out by name: SOAR generates one function
// per block, so this is the Python a block runs.
const DEF = /^def ([A-Za-z_][A-Za-z0-9_]*)\s*\(/;

/** The top-level functions of a Python module: each runs to the next top-level statement. */
export function pythonFunctions(code: string): Record<string, string> {
  const lines = code.split("\n");
  const out: Record<string, string> = {};
  let name: string | null = null;
  let from = 0;
  const close = (to: number) => {
    if (name === null) return;
    let end = to;
    // Blank lines and column-0 comments after the body belong to what follows.
    while (end > from && (!lines[end - 1]!.trim() || lines[end - 1]!.startsWith("#"))) end--;
    out[name] = lines.slice(from, end).join("\n");
    name = null;
  };
  // SOAR's generated code holds templates in triple-quoted strings whose lines start at column 0.
  let quote: string | null = null;
  lines.forEach((line, i) => {
    if (quote === null && /^[^\s#]/.test(line)) {
      close(i);
      const m = DEF.exec(line);
      if (m) { name = m[1]!; from = i; }
    }
    for (const q of line.match(/"""|'''/g) ?? []) quote = quote === null ? q : quote === q ? null : quote;
  });
  close(lines.length);
  return out;
}

/** A block's generated function: by its functionName, which SOAR lower-cases for some blocks. */
export const blockFunction = (functions: Record<string, string>, name: unknown): string | undefined =>
  typeof name === "string" ? functions[name] ?? functions[name.toLowerCase()] : undefined;

