// One bound LDAP session per action for the AD LDAP app (ldapts): LDAPS on ssl_port when
// force_ssl is on (SOAR's default), plain LDAP on port otherwise; the asset's timeout for
// connecting and for each answer; unbound when the action ends or is aborted. Errors come back
// as clear messages: a refused bind names the account, socket trouble names the server.
import { Client, InvalidCredentialsError, NoSuchObjectError, ResultCodeError, type Entry } from "ldapts";
import type { AppContext } from "@/lib/apps/sdk";
import { networkProblem } from "../net-errors";
import { seconds, str } from "../params";

/** A failure the directory gave for a named object (no such user, not allowed): a failed result. */
export class DirectoryError extends Error {}

export interface Directory {
  client: Client;
  /** Where searches start: the asset's search_base, else the server's default naming context. */
  base: string;
}

function endpoint(config: AppContext["config"]) {
  const host = str(config.server).trim();
  if (!host) throw new Error("the asset has no server");
  const ssl = config.force_ssl !== false;
  const port = ssl ? (Number(config.ssl_port) > 0 ? Number(config.ssl_port) : 636) : Number(config.port) > 0 ? Number(config.port) : 389;
  return { host, port, ssl, where: `${host}:${port}`, timeoutS: seconds(config.timeout, 30) };
}

/** The protocol's or the socket's failure as an error a person can act on. */
export function directoryProblem(err: unknown, config: AppContext["config"]): Error {
  const { where, timeoutS } = endpoint(config);
  if (err instanceof DirectoryError) return err;
  if (err instanceof InvalidCredentialsError) return new DirectoryError(`${where} refused the bind of "${str(config.username)}" (invalid credentials): check username and password`);
  if (err instanceof ResultCodeError) return new DirectoryError(`${where} answered: ${err.message} (LDAP result ${err.code})`);
  const message = err instanceof Error ? err.message : String(err);
  if (/timeout|timed out/i.test(message)) return new Error(`no answer from ${where} within ${timeoutS} s (the asset's timeout)`);
  const net = networkProblem(err, where, timeoutS, "turn validate_ssl_cert off to accept it");
  if (net) return net;
  return new Error(`${where} did not answer as an LDAP server should (${message})`);
}

async function defaultBase(client: Client): Promise<string> {
  const { searchEntries } = await client.search("", { scope: "base", filter: "(objectClass=*)", attributes: ["defaultNamingContext", "namingContexts"] });
  const root = searchEntries[0];
  const first = (v: Entry[string] | undefined) => (Array.isArray(v) ? v[0] : v)?.toString() ?? "";
  const base = first(root?.defaultNamingContext) || first(root?.namingContexts);
  if (!base) throw new DirectoryError("the server names no naming context: set search_base on the asset");
  return base;
}

/** Binds, runs `work`, unbinds; every failure comes back through directoryProblem. */
export async function withDirectory<T>(ctx: AppContext, work: (d: Directory) => Promise<T>): Promise<T> {
  const { host, port, ssl, timeoutS } = endpoint(ctx.config);
  const client = new Client({
    url: `${ssl ? "ldaps" : "ldap"}://${host}:${port}`,
    timeout: timeoutS * 1000,
    connectTimeout: timeoutS * 1000,
    // ldapts speaks TLS whenever tlsOptions is given, so only LDAPS gets them.
    ...(ssl ? { tlsOptions: { rejectUnauthorized: ctx.config.validate_ssl_cert === true, servername: host } } : {}),
  });
  const onAbort = () => void client.unbind().catch(() => {});
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  try {
    await client.bind(str(ctx.config.username), str(ctx.config.password));
    const base = str(ctx.config.search_base).trim() || (await defaultBase(client));
    return await work({ client, base });
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    throw directoryProblem(err, ctx.config);
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
    await client.unbind().catch(() => {});
  }
}

export interface Account {
  dn: string;
  samaccountname: string;
  userAccountControl: number;
}

const one = (v: Entry[string] | undefined) => (Array.isArray(v) ? v[0] : v)?.toString() ?? "";

/**
 * The object `name` names: a sAMAccountName searched under the base when `bySam`, else a
 * distinguishedName read directly (SOAR's use_samaccountname switch).
 */
export async function findAccount({ client, base }: Directory, name: string, bySam: boolean): Promise<Account> {
  const attributes = ["sAMAccountName", "userAccountControl"];
  let entry: Entry | undefined;
  if (bySam) {
    const { searchEntries } = await client.search(base, { scope: "sub", filter: `(sAMAccountName=${escapeFilter(name)})`, attributes, sizeLimit: 2 });
    if (searchEntries.length > 1) throw new DirectoryError(`more than one object has sAMAccountName "${name}" under ${base}`);
    entry = searchEntries[0];
    if (!entry) throw new DirectoryError(`no object has sAMAccountName "${name}" under ${base}`);
  } else {
    try {
      entry = (await client.search(name, { scope: "base", filter: "(objectClass=*)", attributes })).searchEntries[0];
    } catch (err) {
      if (err instanceof NoSuchObjectError) throw new DirectoryError(`no object has the distinguishedName "${name}" (with use_samaccountname on, give the sAMAccountName instead)`);
      throw err;
    }
    if (!entry) throw new DirectoryError(`no object has the distinguishedName "${name}"`);
  }
  return { dn: entry.dn, samaccountname: one(entry.sAMAccountName), userAccountControl: Number(one(entry.userAccountControl) || 0) };
}

/** RFC 4515 escaping of a value inside a filter. */
export function escapeFilter(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** SOAR's semicolon-separated lists (members, groups, principals, attributes). */
export function semicolons(value: unknown): string[] {
  return str(value).split(";").map((s) => s.trim()).filter(Boolean);
}
