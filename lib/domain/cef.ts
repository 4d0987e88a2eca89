// CEF (Common Event Format) fields and their `contains` types: what a value in an artifact's
// `cef` is (an ip, a domain, a hash ...). Playbooks and apps match action parameters on these
// types, and every value of an indicator type becomes an indicator. The built-in list mirrors
// Phantom's default CEF fields; administrators add custom fields (table `cef_fields`).

/** Phantom's default CEF fields with their `contains` types; fields without a type map to []. */
export const DEFAULT_CEF_FIELDS: Readonly<Record<string, readonly string[]>> = {
  act: [], app: [], applicationProtocol: [], baseEventCount: [], bytesIn: [], bytesOut: [], cat: [],
  cnt: [], cn1: [], cn1Label: [], cn2: [], cn2Label: [], cn3: [], cn3Label: [],
  cs1: [], cs1Label: [], cs2: [], cs2Label: [], cs3: [], cs3Label: [],
  cs4: [], cs4Label: [], cs5: [], cs5Label: [], cs6: [], cs6Label: [],
  destinationAddress: ["ip"],
  destinationDnsDomain: ["domain"],
  destinationHostName: ["host name"],
  destinationMacAddress: ["mac address"],
  destinationNtDomain: ["domain"],
  destinationPort: ["port"],
  destinationProcessName: ["process name"],
  destinationServiceName: [],
  destinationTranslatedAddress: ["ip"],
  destinationTranslatedPort: ["port"],
  destinationUserId: [],
  destinationUserName: ["user name"],
  destinationUserPrivileges: [],
  deviceAction: [],
  deviceAddress: ["ip"],
  deviceCustomDate1: [], deviceCustomDate1Label: [], deviceCustomDate2: [], deviceCustomDate2Label: [],
  deviceDirection: [],
  deviceDnsDomain: ["domain"],
  deviceEventCategory: [],
  deviceExternalId: [],
  deviceFacility: [],
  deviceHostname: ["host name"],
  deviceInboundInterface: [],
  deviceMacAddress: ["mac address"],
  deviceOutboundInterface: [],
  deviceProcessName: ["process name"],
  deviceTranslatedAddress: ["ip"],
  emailHeaders: [],
  endTime: [],
  externalId: [],
  fileCreateTime: [],
  fileHash: ["hash"],
  fileHashMd5: ["hash", "md5"],
  fileHashSha1: ["hash", "sha1"],
  fileHashSha256: ["hash", "sha256"],
  fileHashSha512: ["hash", "sha512"],
  fileId: [],
  fileModificationTime: [],
  fileName: ["file name"],
  filePath: ["file path"],
  filePermission: [],
  fileSize: [],
  fileType: [],
  fromEmail: ["email"],
  message: [],
  oldFileCreateTime: [],
  oldFileHash: ["hash"],
  oldFileId: [],
  oldFileModificationTime: [],
  oldFileName: ["file name"],
  oldFilePath: ["file path"],
  oldFilePermission: [],
  oldFileSize: [],
  oldFileType: [],
  receiptTime: [],
  requestClientApplication: [],
  requestCookies: [],
  requestMethod: [],
  requestURL: ["url"],
  sourceAddress: ["ip"],
  sourceDnsDomain: ["domain"],
  sourceHostName: ["host name"],
  sourceMacAddress: ["mac address"],
  sourceNtDomain: ["domain"],
  sourcePort: ["port"],
  sourceProcessName: ["process name"],
  sourceServiceName: [],
  sourceTranslatedAddress: ["ip"],
  sourceTranslatedPort: ["port"],
  sourceUserId: [],
  sourceUserName: ["user name"],
  sourceUserPrivileges: [],
  startTime: [],
  toEmail: ["email"],
  transportProtocol: [],
};

/**
 * The `contains` types whose values are tracked as indicators. Ports, sizes and free text are
 * typed too but would flood the indicator list with noise, so they are left out.
 */
export const INDICATOR_TYPES: ReadonlySet<string> = new Set([
  "ip", "ipv6", "domain", "url", "hash", "md5", "sha1", "sha256", "sha512", "email",
  "host name", "file name", "file path", "user name", "mac address", "process name",
]);

/** Longer values (in UTF-8 bytes) stay in the artifact but are not indicators: a btree entry
 * holds at most ~2.7 kB. */
export const MAX_INDICATOR_BYTES = 2000;

export type CefTypes = Record<string, string[]>;

/**
 * The `contains` types of each field of one artifact's cef: the artifact's own `cef_types`
 * win, then custom fields, then the default list.
 */
export function resolveCefTypes(
  cef: Record<string, unknown>,
  given: CefTypes | undefined,
  custom: ReadonlyMap<string, readonly string[]>,
): CefTypes {
  const out: CefTypes = {};
  for (const field of Object.keys(cef)) {
    const types = given?.[field] ?? custom.get(field) ?? DEFAULT_CEF_FIELDS[field];
    if (types && types.length) out[field] = [...types];
  }
  return out;
}

export interface FoundIndicator {
  field: string;
  value: string;
  types: string[];
}

function scalarValues(value: unknown): string[] {
  if (typeof value === "string") return [value.trim()];
  if (typeof value === "number" && Number.isFinite(value)) return [String(value)];
  if (Array.isArray(value)) return value.flatMap((v) => (Array.isArray(v) ? [] : scalarValues(v)));
  return [];
}

/** Every value in `cef` whose field has an indicator type, once per (field, value). */
export function extractIndicators(cef: Record<string, unknown>, cefTypes: CefTypes): FoundIndicator[] {
  const found: FoundIndicator[] = [];
  const seen = new Set<string>();
  for (const [field, types] of Object.entries(cefTypes)) {
    const indicatorTypes = types.filter((t) => INDICATOR_TYPES.has(t));
    if (!indicatorTypes.length) continue;
    for (const value of scalarValues(cef[field])) {
      if (!value || Buffer.byteLength(value) > MAX_INDICATOR_BYTES) continue;
      const key = `${field}\u0000${value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ field, value, types: indicatorTypes });
    }
  }
  return found;
}

/** The default list as rows, for /rest/cef and the console. */
export function defaultCefFieldRows(): { name: string; contains: string[] }[] {
  return Object.entries(DEFAULT_CEF_FIELDS).map(([name, contains]) => ({ name, contains: [...contains] }));
}
