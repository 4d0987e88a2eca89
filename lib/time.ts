// Every time the console shows goes through here, in the signed-in user's IANA time zone and
// labelled with it ("2026-11-23 13:00 CET"), on the server and in the browser alike. Only the
// zone is per user; the shape stays ISO-like so columns line up and sort by eye.

export const DEFAULT_TIME_ZONE = "UTC";

let zones: Set<string> | null = null;

/** The zones a user may choose: the runtime's IANA list (which leaves out "UTC" itself) plus UTC. */
export function timeZones(): string[] {
  return [DEFAULT_TIME_ZONE, ...Intl.supportedValuesOf("timeZone").filter((z) => z !== DEFAULT_TIME_ZONE)];
}

export function isTimeZone(zone: string): boolean {
  zones ??= new Set(timeZones());
  return zones.has(zone);
}

// Building a DateTimeFormat costs far more than using one, and a queue page formats hundreds.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatOf(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    // en-GB names zones the way people in them write them (CET, UTC; GMT+9 where English has no abbreviation).
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone: isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE,
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
      hourCycle: "h23", timeZoneName: "short",
    });
    formats.set(zone, f);
  }
  return f;
}

interface Parts { year: string; month: string; day: string; hour: string; minute: string; second: string; timeZoneName: string }

function partsOf(date: Date, zone: string): Parts | null {
  // A malformed value (say a hand-edited URL) shows as nothing rather than failing the page.
  if (Number.isNaN(date.getTime())) return null;
  const out: Record<string, string> = {};
  for (const p of formatOf(zone).formatToParts(date)) out[p.type] = p.value;
  return out as unknown as Parts;
}

/** The zone's short name at that moment ("CET" in winter, "CEST" in summer). */
export function zoneLabel(zone: string, at: Date | string = new Date()): string {
  return partsOf(new Date(at), zone)?.timeZoneName ?? "";
}

/** "2026-11-23 13:00 CET"; `bare` leaves out the zone where a column header says it; `seconds` adds them. */
export function formatTime(value: Date | string | null, zone: string, opts: { bare?: boolean; seconds?: boolean } = {}): string {
  const p = value ? partsOf(new Date(value), zone) : null;
  if (!p) return "";
  const text = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${opts.seconds ? `:${p.second}` : ""}`;
  return opts.bare ? text : `${text} ${p.timeZoneName}`;
}

/** The value of a `datetime-local` input ("2026-11-23T13:00") showing `value` in `zone`. */
export function toZonedInput(value: Date | string | null, zone: string): string {
  const p = value ? partsOf(new Date(value), zone) : null;
  if (!p) return "";
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The instant a `datetime-local` value means in `zone` (wall-clock time there), or null if it is not one. */
export function fromZonedInput(local: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  // The zone's offset at the guess, then again at the corrected instant, settles DST changes.
  let instant = wall - offsetAt(wall, zone);
  instant = wall - offsetAt(instant, zone);
  return new Date(instant);
}

function offsetAt(ms: number, zone: string): number {
  const p = partsOf(new Date(ms), zone);
  if (!p) return 0;
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}
