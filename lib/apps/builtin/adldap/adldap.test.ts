// The AD LDAP app against Debian's slapd on loopback (lib/testing/slapd.ts: Active Directory's
// schema, plain LDAP and LDAPS), reading the directory back with ldapsearch after each action;
// and against servers that refuse, stay silent, or answer with bytes that are not LDAP.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "@/lib/apps/sdk";
import { rawServer as startRawServer } from "@/lib/testing/daemon";
import { freePort } from "@/lib/testing/ports";
import { startSlapd, type Slapd } from "@/lib/testing/slapd";
import { testContext } from "../app-test-context";
import app from "./index";

const SUFFIX = "dc=corp,dc=test";
const AD_TOP = "instanceType: 4\nnTSecurityDescriptor:: AA==\n";
const user = (cn: string, sam: string, uac: number, extra = "") =>
  `dn: cn=${cn},${SUFFIX}\nobjectClass: user\nobjectClass: securityPrincipal\ncn: ${cn}\nsn: ${cn.split(" ").pop()}\n${AD_TOP}objectCategory: cn=Person,cn=Schema,cn=Configuration,${SUFFIX}\nsAMAccountName: ${sam}\nuserPrincipalName: ${sam}@corp.test\nuserAccountControl: ${uac}\nmail: ${sam}@corp.test\n${extra}`;
const group = (cn: string, sam: string) =>
  `dn: cn=${cn},${SUFFIX}\nobjectClass: group\nobjectClass: securityPrincipal\ncn: ${cn}\ngroupType: -2147483646\n${AD_TOP}objectCategory: cn=Group,cn=Schema,cn=Configuration,${SUFFIX}\nsAMAccountName: ${sam}\n`;
const LDIF = [
  `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: corp\ndc: corp\n`,
  user("Alice Smith", "asmith", 512, "pwdLastSet: 134000000000000000\n"),
  user("Bob Jones", "bjones", 514, "lockoutTime: 134000000000000000\n"),
  group("Incident Responders", "ir-team"),
].join("\n");

const ALICE = `cn=Alice Smith,${SUFFIX}`;
const BOB = `cn=Bob Jones,${SUFFIX}`;
const IR = `cn=Incident Responders,${SUFFIX}`;

let slapd: Slapd;
const sockets: { close(): void }[] = [];
const plain = () => ({ server: "127.0.0.1", force_ssl: false, port: slapd.port, username: slapd.rootDn, password: slapd.rootPw, timeout: 5 });
const act = (action: string, param: Record<string, unknown>, config: Record<string, unknown> = plain()) => app.actions[action]!(testContext(config), param);
const attr = async (dn: string, name: string) => (await slapd.search(`(sAMAccountName=*)`, [name])).find((e) => e.dn === dn)?.attrs[name.toLowerCase()];

async function rawServer(onConnect?: (s: net.Socket) => void): Promise<number> {
  const server = await startRawServer(onConnect);
  sockets.push(server);
  return server.port;
}

beforeAll(async () => {
  slapd = await startSlapd({ suffix: SUFFIX, ldif: LDIF });
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await slapd?.stop();
});

describe("accounts", () => {
  it("disable account by sAMAccountName sets bit 0x2 of userAccountControl, and says what it was", async () => {
    const result = await act("disable_account", { user: "asmith", use_samaccountname: true });
    expect(result).toMatchObject({ status: "success", message: "Account status: disabled", data: [{ user_dn: ALICE, starting_status: "enabled" }], summary: { account_status: "disabled" } });
    expect(await attr(ALICE, "userAccountControl")).toEqual(["514"]);
    const again = await act("disable_account", { user: "asmith", use_samaccountname: true });
    expect(again.data[0]).toMatchObject({ starting_status: "disabled" });
    expect(await attr(ALICE, "userAccountControl")).toEqual(["514"]);
  });

  it("enable account by distinguishedName clears the bit", async () => {
    const result = await act("enable_account", { user: ALICE });
    expect(result).toMatchObject({ status: "success", message: "Account status: enabled", data: [{ starting_status: "disabled" }] });
    expect(await attr(ALICE, "userAccountControl")).toEqual(["512"]);
  });

  it("reset password sets pwdLastSet to 0; unlock account zeroes lockoutTime", async () => {
    expect(await act("reset_password", { user: "asmith", use_samaccountname: true })).toMatchObject({ message: "Reset: True", data: [{ user_dn: ALICE, samaccountname: "asmith", reset: true }] });
    expect(await attr(ALICE, "pwdLastSet")).toEqual(["0"]);
    expect(await act("unlock_account", { user: BOB })).toMatchObject({ message: "Unlocked: True", data: [{ samaccountname: "bjones", unlocked: true }] });
    expect(await attr(BOB, "lockoutTime")).toEqual(["0"]);
  });

  it("set password writes unicodePwd as AD takes it, after checking the confirmation", async () => {
    expect(await act("set_password", { user: "bjones", use_samaccountname: true, password: "N3w!pass", confirm_password: "other" })).toMatchObject({ status: "failed", message: "password and confirm_password differ" });
    expect(await act("set_password", { user: "bjones", use_samaccountname: true, password: "N3w!pass", confirm_password: "N3w!pass" })).toMatchObject({ status: "success", message: "Set: True" });
    expect(await attr(BOB, "unicodePwd")).toEqual([Buffer.from('"N3w!pass"', "utf16le").toString("utf8")]);
  });

  it("an account that does not exist is a failed result naming it", async () => {
    expect(await act("disable_account", { user: "nobody", use_samaccountname: true })).toMatchObject({ status: "failed", message: `no object has sAMAccountName "nobody" under ${SUFFIX}` });
    expect(await act("disable_account", { user: `cn=Nobody,${SUFFIX}` })).toMatchObject({ status: "failed", message: expect.stringContaining(`no object has the distinguishedName "cn=Nobody,${SUFFIX}"`) });
  });
});

describe("groups and queries", () => {
  it("add group members and remove group members change the group's member attribute", async () => {
    const added = await act("add_group_members", { members: "asmith;bjones", groups: "ir-team", use_samaccountname: true });
    expect(added).toMatchObject({ status: "success", message: "added member(s) to group(s)", summary: { found_user_records: 2, requested_user_records: 2 } });
    expect(added.data).toEqual([{ member: ALICE, group: IR, function: "added" }, { member: BOB, group: IR, function: "added" }]);
    expect((await attr(IR, "member"))?.sort()).toEqual([ALICE, BOB]);
    const again = await act("add_group_members", { members: ALICE, groups: IR });
    expect(again.data).toEqual([{ member: ALICE, group: IR, function: "already a member" }]);

    const removed = await act("remove_group_members", { members: BOB, groups: IR });
    expect(removed).toMatchObject({ status: "success", message: "removed member(s) from group(s)", data: [{ member: BOB, group: IR, function: "removed" }] });
    expect(await attr(IR, "member")).toEqual([ALICE]);
  });

  it("run query returns entries with lower-cased attribute names", async () => {
    const result = await act("run_query", { filter: "(objectClass=user)", attributes: "sAMAccountName;userAccountControl" });
    expect(result).toMatchObject({ status: "success", message: "Total objects: 2", summary: { total_objects: 2 } });
    const entries = (result.data[0] as { entries: { dn: string; attributes: Record<string, unknown> }[] }).entries;
    expect(entries.find((e) => e.dn === BOB)?.attributes).toEqual({ samaccountname: "bjones", useraccountcontrol: "514" });
    expect(await act("run_query", { filter: "(objectClass=user", attributes: "cn" })).toMatchObject({ status: "failed", message: expect.stringMatching(/^filter: /) });
  });

  it("get attributes takes sAMAccountName, userPrincipalName and distinguishedName", async () => {
    const result = await act("get_attributes", { principals: `asmith;bjones@corp.test;${IR}`, attributes: "sAMAccountName;mail" });
    expect(result).toMatchObject({ status: "success", summary: { total_objects: 3 } });
    const entries = (result.data[0] as { entries: unknown[] }).entries;
    expect(entries).toEqual([
      { dn: ALICE, attributes: { sAMAccountName: "asmith", mail: "asmith@corp.test" } },
      { dn: BOB, attributes: { sAMAccountName: "bjones", mail: "bjones@corp.test" } },
      { dn: IR, attributes: { sAMAccountName: "ir-team" } },
    ]);
  });
});

describe("connection", () => {
  it("test connectivity binds and finds the naming context, over LDAP and LDAPS", async () => {
    expect(await act("test_connectivity", {})).toMatchObject({ status: "success", message: "Test Connectivity Passed" });
    const ldaps = { ...plain(), force_ssl: true, ssl_port: slapd.sslPort };
    expect(await act("test_connectivity", {}, ldaps)).toMatchObject({ status: "success" });
    expect(await act("disable_account", { user: "bjones", use_samaccountname: true }, ldaps)).toMatchObject({ status: "success" });
  });

  it("a self-signed certificate is refused when validate_ssl_cert is on", async () => {
    const ldaps = { ...plain(), force_ssl: true, ssl_port: slapd.sslPort, validate_ssl_cert: true };
    await expect(act("disable_account", { user: "bjones", use_samaccountname: true }, ldaps)).rejects.toThrow(/TLS certificate of 127\.0\.0\.1:\d+ was not accepted .*validate_ssl_cert/);
  });

  it("bad credentials are a failed result naming the account", async () => {
    const result = await act("disable_account", { user: "asmith", use_samaccountname: true }, { ...plain(), password: "wrong" });
    expect(result).toMatchObject({ status: "failed", message: `127.0.0.1:${slapd.port} refused the bind of "${slapd.rootDn}" (invalid credentials): check username and password` });
    expect(await act("test_connectivity", {}, { ...plain(), password: "wrong" })).toMatchObject({ status: "failed", message: expect.stringMatching(/^Test Connectivity Failed\. .*refused the bind/) });
  });

  it("a refused connection is a TransientError naming the server", async () => {
    const port = await freePort();
    await expect(act("disable_account", { user: "x", use_samaccountname: true }, { ...plain(), port })).rejects.toThrow(new TransientError(`connection refused by 127.0.0.1:${port}: is the server running and the port right?`));
  });

  it("a server that never answers times out after the asset's timeout", async () => {
    const port = await rawServer(() => {});
    const started = Date.now();
    await expect(act("disable_account", { user: "x", use_samaccountname: true }, { ...plain(), port, timeout: 1 })).rejects.toThrow(`no answer from 127.0.0.1:${port} within 1 s`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a server that answers with something other than LDAP is a clear failure", async () => {
    const port = await rawServer((s) => s.once("data", () => s.end("HTTP/1.1 400 Bad Request\r\n\r\n")));
    await expect(act("disable_account", { user: "x", use_samaccountname: true }, { ...plain(), port, timeout: 2 })).rejects.toThrow(`127.0.0.1:${port} did not answer as an LDAP server should`);
  });
});
