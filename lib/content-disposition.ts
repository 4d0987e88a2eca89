// A Content-Disposition that keeps a file's name (RFC 6266 filename* for non-ASCII) without
// letting the name break out of the header: quotes, backslashes and control characters go.
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
