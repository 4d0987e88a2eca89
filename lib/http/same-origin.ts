// Console routes that change state take requests from Vigil's own pages only: the Origin the
// browser sends must name this host. A missing, "null" or malformed Origin is refused, never thrown.
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  if (!origin || !host || origin === "null") return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
