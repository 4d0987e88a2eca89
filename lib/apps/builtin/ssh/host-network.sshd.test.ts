// SSH list connections and the firewall actions against Debian's sshd on loopback, logged in as
// the unprivileged test user (lib/testing/sshd.ts).
//
// What is real and what is not: list connections runs the host's real `ss` and must find the
// very SSH connection the action arrived on. The test user cannot change the kernel firewall
// (no root, and iptables is not installed here), so the firewall actions run the asset's
// `firewall_command` pointed at RECORDING-IPTABLES below: a stand-in script, written by this
// test into the user's scratch directory, that logs every argv it receives and keeps rules in a
// JSON file, printing `-L --line-numbers -n` in iptables 1.8's format. So these tests prove the
// command line the app builds (arguments, direction, quoting of hostile text through the remote
// shell), that it reads iptables' listing, and its failure paths; they do not prove that a
// packet is dropped.
import { execFile } from "node:child_process";
import { chmod, chown, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSshd, type Sshd } from "@/lib/testing/sshd";
import { testContext } from "../app-test-context";
import app from "./index";

vi.setConfig({ testTimeout: 30_000 });

const RECORDING_IPTABLES = `#!/usr/bin/env python3
# RECORDING-IPTABLES: a test stand-in for iptables (see the test's header). Not a firewall.
import json, os, sys
here = os.path.dirname(os.path.abspath(__file__))
rules_file, log_file = os.path.join(here, "rules.json"), os.path.join(here, "argv.log")
args = sys.argv[1:]
with open(log_file, "a") as f: f.write(json.dumps(args) + "\\n")
rules = json.load(open(rules_file)) if os.path.exists(rules_file) else {"INPUT": [], "FORWARD": [], "OUTPUT": []}
def opt(a, name):
    return a[a.index(name) + 1] if name in a else None
if args[0] == "-I":
    chain, rule = args[1], args[2:]
    rules.setdefault(chain, []).insert(0, rule)
elif args[0] == "-D":
    chain, n = args[1], int(args[2])
    if n > len(rules.get(chain, [])):
        sys.stderr.write("iptables: Index of deletion too big.\\n"); sys.exit(1)
    rules[chain].pop(n - 1)
elif args[0] == "-L":
    chains = [args[1]] if len(args) > 1 and not args[1].startswith("-") else list(rules)
    for c in chains:
        if c not in rules:
            sys.stderr.write("iptables: No chain/target/match by that name.\\n"); sys.exit(1)
        print("Chain %s (policy ACCEPT)" % c)
        print("num  target     prot opt source               destination         ")
        for i, r in enumerate(rules[c], 1):
            p = opt(r, "-p") or "all"
            extra = []
            if opt(r, "--sport"): extra.append("%s spt:%s" % (p, opt(r, "--sport")))
            if opt(r, "--dport"): extra.append("%s dpt:%s" % (p, opt(r, "--dport")))
            if opt(r, "--comment"): extra.append("/* %s */" % opt(r, "--comment"))
            print("%-4d %-10s %-4s --  %-20s %-20s %s" % (i, opt(r, "-j"), p, opt(r, "-s") or "0.0.0.0/0", opt(r, "-d") or "0.0.0.0/0", " ".join(extra)))
        print("")
else:
    sys.stderr.write("iptables: unknown option %s\\n" % args[0]); sys.exit(2)
json.dump(rules, open(rules_file, "w"))
`;

let sshd: Sshd;
let fakeIptables: string;
const config = () => ({ ip_hostname: "127.0.0.1", port: sshd.port, username: sshd.user, private_key: sshd.privateKey, host_key_fingerprint: sshd.hostKeyFingerprint, timeout: 10, firewall_command: fakeIptables });
const act = (action: string, param: Record<string, unknown>, cfg: Record<string, unknown> = config()) =>
  app.actions[action]!(testContext(cfg), { ip_hostname: "127.0.0.1", ...param });
const argvLog = async () => (await readFile(path.join(sshd.home, "argv.log"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as string[]);

beforeAll(async () => {
  sshd = await startSshd();
  fakeIptables = path.join(sshd.home, "iptables");
  await writeFile(fakeIptables, RECORDING_IPTABLES);
  await chmod(fakeIptables, 0o755);
  const { stdout } = await promisify(execFile)("id", ["-u", sshd.user]);
  await chown(fakeIptables, Number(stdout.trim()), Number(stdout.trim()));
});
afterAll(async () => sshd?.stop());

describe("list connections", () => {
  it("finds the SSH connection the action itself arrived on, filtered by local port", async () => {
    const result = await act("ssh_list_conn", { local_port: sshd.port });
    expect(result.status, result.message).toBe("success");
    const connections = result.data[0]!.connections as Record<string, string>[];
    expect(connections.length).toBeGreaterThanOrEqual(1);
    expect(connections.every((c) => c.local_port === String(sshd.port))).toBe(true);
    expect(connections).toContainEqual(expect.objectContaining({ state: "ESTABLISHED", local_ip: "127.0.0.1", remote_ip: "127.0.0.1", protocol: "tcp" }));
    const none = await act("ssh_list_conn", { local_port: sshd.port, remote_addr: "192.0.2.1" });
    expect(none.data[0]!.connections).toEqual([]);
    expect(await act("ssh_list_conn", { local_port: "http" })).toMatchObject({ status: "failed", message: 'local_port: expected a port from 1 to 65535, not "http"' });
  });
});

describe("firewall actions (recording iptables stand-in: command lines, not packets)", () => {
  it("block ip inserts a DROP rule per direction; list firewall rules reads it back; delete firewall rule removes it", async () => {
    const hostile = `Vigil: it's "bad"; $(touch /tmp/pwned-${process.pid})`;
    const blocked = await act("ssh_block_ip", { remote_ip: "203.0.113.5", remote_port: 4444, protocol: "tcp", direction: "In", comment: hostile });
    expect(blocked, blocked.message).toMatchObject({ status: "success", summary: { exit_status: 0 } });
    const out = await act("ssh_block_ip", { remote_ip: "198.51.100.0/24", protocol: "all", direction: "Out" });
    expect(out.status, out.message).toBe("success");
    // The argv iptables received: the hostile comment arrived as one word, nothing ran.
    expect((await argvLog()).slice(-2)).toEqual([
      ["-I", "INPUT", "-p", "tcp", "-s", "203.0.113.5", "--sport", "4444", "-j", "DROP", "-m", "comment", "--comment", hostile],
      ["-I", "OUTPUT", "-p", "all", "-d", "198.51.100.0/24", "-j", "DROP"],
    ]);
    await expect(readFile(`/tmp/pwned-${process.pid}`)).rejects.toThrow();

    const listed = await act("ssh_list_fw_rules", {});
    expect(listed.status, listed.message).toBe("success");
    expect(listed.data[0]!.rules).toEqual([
      { chain: "INPUT", num: "1", target: "DROP", protocol: "tcp", source: "203.0.113.5", destination: "0.0.0.0/0", options: `tcp spt:4444 /* ${hostile} */` },
      { chain: "OUTPUT", num: "1", target: "DROP", protocol: "all", source: "0.0.0.0/0", destination: "198.51.100.0/24", options: "" },
    ]);
    expect((await act("ssh_list_fw_rules", { chain: "INPUT", port: 4444 })).data[0]!.rules).toHaveLength(1);
    expect((await act("ssh_list_fw_rules", { port: 22 })).data[0]!.rules).toEqual([]);
    expect((await act("ssh_list_fw_rules", { protocol: "all" })).data[0]!.rules).toMatchObject([{ chain: "OUTPUT" }]);

    expect(await act("ssh_delete_fw_rule", { chain: "INPUT", number: 1 })).toMatchObject({ status: "success" });
    expect((await act("ssh_list_fw_rules", { chain: "INPUT" })).data[0]!.rules).toEqual([]);
    const tooBig = await act("ssh_delete_fw_rule", { chain: "INPUT", number: 5 });
    expect(tooBig).toMatchObject({ status: "failed", summary: { exit_status: 1 }, message: expect.stringContaining("Index of deletion too big") });
  });

  it("refuses parameters that make no rule, before logging in", async () => {
    const before = (await argvLog()).length;
    expect(await act("ssh_block_ip", { protocol: "tcp", direction: "In" })).toMatchObject({ status: "failed", message: "block ip needs remote_ip or remote_port (or both)" });
    expect(await act("ssh_block_ip", { remote_ip: "1.2.3.4; reboot", protocol: "tcp", direction: "In" })).toMatchObject({ status: "failed", message: expect.stringContaining("is not an IP address") });
    expect(await act("ssh_block_ip", { remote_port: 22, protocol: "icmp", direction: "In" })).toMatchObject({ status: "failed", message: expect.stringContaining("remote_port needs protocol tcp") });
    expect(await act("ssh_block_ip", { remote_ip: "1.2.3.4", protocol: "tcp", direction: "sideways" })).toMatchObject({ status: "failed", message: 'direction: In or Out, not "sideways"' });
    expect(await act("ssh_delete_fw_rule", { chain: "INPUT; reboot", number: 1 })).toMatchObject({ status: "failed", message: expect.stringContaining("is not a chain name") });
    expect(await act("ssh_block_ip", { remote_ip: "1.2.3.4", protocol: "tcp", direction: "In" }, { ...config(), firewall_command: "iptables; reboot" }))
      .toMatchObject({ status: "failed", message: expect.stringContaining("only a command and its words") });
    expect((await argvLog()).length).toBe(before);
  });

  it("a host without the firewall command answers a failed run saying so", async () => {
    const result = await act("ssh_list_fw_rules", {}, { ...config(), firewall_command: "/usr/sbin/no-such-iptables" });
    expect(result).toMatchObject({ status: "failed", summary: { exit_status: 127 }, message: expect.stringMatching(/no-such-iptables.*not found/) });
  });
});
