// A throwaway OpenLDAP server for tests: Debian's slapd (packages slapd and ldap-utils) with a
// temporary slapd.conf and an mdb database in a temporary directory, loaded from LDIF with
// slapadd, listening on loopback (plain LDAP, and LDAPS with a fresh self-signed certificate).
// The schema is Active Directory's as Debian ships it (msuser.schema) plus AD's
// securityPrincipal class (sAMAccountName), so AD-shaped entries (userAccountControl,
// pwdLastSet, groups with `member`) behave as the AD LDAP app expects. Tests read the
// directory back with ldapsearch, independently of the app under test.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { listening, startDaemon } from "./daemon";
import { freePort } from "./ports";

const run = promisify(execFile);

const AD_EXTRA_SCHEMA = `objectclass ( 1.2.840.113556.1.5.6 NAME 'securityPrincipal' SUP top AUXILIARY
 MAY ( sAMAccountName ) )
`;

/**
 * Debian's msuser.schema declares sAMAccountName, userPrincipalName and userAccountControl
 * without matching rules, so slapd could not answer `(sAMAccountName=asmith)`; AD matches
 * them case-insensitively (and the integer exactly), so the copy gets those rules.
 */
async function adSchema(): Promise<string> {
  let text = await readFile("/etc/ldap/schema/msuser.schema", "utf8");
  const rules: Record<string, string> = {
    sAMAccountName: "EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch",
    userPrincipalName: "EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch",
    userAccountControl: "EQUALITY integerMatch",
  };
  for (const [name, rule] of Object.entries(rules)) {
    const before = text;
    text = text.replace(`NAME '${name}'\n`, `NAME '${name}'\n\t${rule}\n`);
    if (text === before) throw new Error(`msuser.schema: no attribute ${name} to give matching rules`);
  }
  return text;
}

export interface Slapd {
  url: string;
  ldapsUrl: string;
  port: number;
  sslPort: number;
  suffix: string;
  rootDn: string;
  rootPw: string;
  /** Entries matching `filter` under the suffix, read with ldapsearch; attribute names lower-cased. */
  search(filter: string, attributes?: string[]): Promise<{ dn: string; attrs: Record<string, string[]> }[]>;
  stop(): Promise<void>;
}

/** Parses ldapsearch -LLL output (unwrapped): blank-line separated entries of `name: value` / `name:: base64`. */
function parseLdif(text: string) {
  return text.split(/\n\n+/).map((block) => block.trim()).filter(Boolean).map((block) => {
    const attrs: Record<string, string[]> = {};
    let dn = "";
    for (const line of block.split("\n")) {
      const m = /^([^:]+)(::?) ?(.*)$/.exec(line);
      if (!m) continue;
      const value = m[2] === "::" ? Buffer.from(m[3]!, "base64").toString("utf8") : m[3]!;
      if (m[1] === "dn") dn = value;
      else (attrs[m[1]!.toLowerCase()] ??= []).push(value);
    }
    return { dn, attrs };
  });
}

/** Starts slapd for `suffix` (e.g. dc=corp,dc=test) holding `ldif` (which must create the suffix entry). */
export async function startSlapd(opts: { suffix: string; ldif: string; rootPw?: string }): Promise<Slapd> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "vigil-slapd-"));
  const rootDn = `cn=admin,${opts.suffix}`;
  const rootPw = opts.rootPw ?? "admin-secret";
  const [port, sslPort] = [await freePort(), await freePort()];
  await mkdir(path.join(dir, "db"));
  await writeFile(path.join(dir, "ad-extra.schema"), AD_EXTRA_SCHEMA);
  await writeFile(path.join(dir, "msuser.schema"), await adSchema());
  await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")]);
  const conf = [
    ...["core", "cosine", "inetorgperson", "nis"].map((s) => `include /etc/ldap/schema/${s}.schema`),
    `include ${path.join(dir, "msuser.schema")}`,
    `include ${path.join(dir, "ad-extra.schema")}`,
    `pidfile ${path.join(dir, "slapd.pid")}`,
    "modulepath /usr/lib/ldap",
    "moduleload back_mdb",
    `TLSCertificateFile ${path.join(dir, "cert.pem")}`,
    `TLSCertificateKeyFile ${path.join(dir, "key.pem")}`,
    "database mdb",
    "maxsize 10485760",
    `suffix "${opts.suffix}"`,
    `rootdn "${rootDn}"`,
    `rootpw ${rootPw}`,
    `directory ${path.join(dir, "db")}`,
    "",
  ].join("\n");
  const confFile = path.join(dir, "slapd.conf");
  await writeFile(confFile, conf);
  await writeFile(path.join(dir, "data.ldif"), opts.ldif);
  await run("/usr/sbin/slapadd", ["-f", confFile, "-l", path.join(dir, "data.ldif")]);

  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = `ldaps://127.0.0.1:${sslPort}`;
  // -d keeps slapd in the foreground as our child, so it dies with the test run.
  const daemon = await startDaemon("slapd", "/usr/sbin/slapd", ["-f", confFile, "-h", `${url}/ ${ldapsUrl}/`, "-d", "0"], () => listening(port));
  return {
    url, ldapsUrl, port, sslPort, suffix: opts.suffix, rootDn, rootPw,
    async search(filter, attributes = []) {
      const { stdout } = await run("ldapsearch", ["-x", "-LLL", "-o", "ldif-wrap=no", "-H", url, "-D", rootDn, "-w", rootPw, "-b", opts.suffix, filter, ...attributes]);
      return parseLdif(stdout);
    },
    async stop() {
      await daemon.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
