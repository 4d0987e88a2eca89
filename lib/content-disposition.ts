// A Content-Disposition that keeps a file's name (RFC 6266 filename* for non-ASCII) without
// letting the name break out of the header: quotes, backslashes and control characters go.
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;
}

// encodeURIComponent leaves ' ( ) * unescaped, which RFC 5987's attr-char does not allow (a bare
// ' ends the charset part early for strict parsers), and throws on a lone surrogate.
function rfc5987(value: string): string {
  return encodeURIComponent(value.replace(/\p{Cs}/gu, "\uFFFD")).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
