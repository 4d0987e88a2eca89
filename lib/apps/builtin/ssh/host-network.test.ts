// Parsing what `ss -Htanpe` and `iptables -L --line-numbers -n` print, and quoting for the remote
// shell. The ss lines were captured on this Debian machine; the iptables listing is iptables
// 1.8's format (the one SOAR's app parses as well).
import { describe, expect, it } from "vitest";
import { parseIptables, parseSs, shellQuote } from "./host-network";

describe("ss output", () => {
  it("maps each line to SOAR's connection fields, with netstat's state names", () => {
    const rows = parseSs([
      "LISTEN    0      128               0.0.0.0:2024             0.0.0.0:*     ino:1100 sk:1 cgroup:/ <->",
      "ESTAB     0      0               127.0.0.1:44661          127.0.0.1:42034 users:((\"postgres\",pid=21785,fd=8)) timer:(keepalive,119min,0) uid:101 ino:28213 sk:5 cgroup:/ <->",
      "TIME-WAIT 0      0      [::ffff:127.0.0.1]:22     [::ffff:127.0.0.1]:51000 timer:(timewait,59sec,0) ino:0 sk:9",
    ].join("\n"));
    expect(rows[0]).toEqual({ cmd: "", inode: "1100", local_ip: "0.0.0.0", local_port: "2024", pid: "", protocol: "tcp", rec_q: "0", remote_ip: "0.0.0.0", remote_port: "*", send_q: "128", state: "LISTEN", uid: "0" });
    expect(rows[1]).toMatchObject({ cmd: "postgres", pid: "21785", uid: "101", inode: "28213", state: "ESTABLISHED", local_port: "44661", remote_ip: "127.0.0.1", remote_port: "42034" });
    expect(rows[2]).toMatchObject({ state: "TIME_WAIT", local_ip: "::ffff:127.0.0.1", local_port: "22", protocol: "tcp6" });
  });
});

describe("iptables -L output", () => {
  it("reads each chain's numbered rules with their options", () => {
    const rules = parseIptables([
      "Chain INPUT (policy ACCEPT)",
      "num  target     prot opt source               destination         ",
      "1    DROP       tcp  --  203.0.113.5          0.0.0.0/0            tcp spt:4444 /* blocked by Vigil */",
      "2    ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED",
      "",
      "Chain OUTPUT (policy ACCEPT)",
      "num  target     prot opt source               destination         ",
      "1    DROP       all  --  0.0.0.0/0            198.51.100.9        ",
    ].join("\n"));
    expect(rules).toEqual([
      { chain: "INPUT", num: "1", target: "DROP", protocol: "tcp", source: "203.0.113.5", destination: "0.0.0.0/0", options: "tcp spt:4444 /* blocked by Vigil */" },
      { chain: "INPUT", num: "2", target: "ACCEPT", protocol: "all", source: "0.0.0.0/0", destination: "0.0.0.0/0", options: "ctstate RELATED,ESTABLISHED" },
      { chain: "OUTPUT", num: "1", target: "DROP", protocol: "all", source: "0.0.0.0/0", destination: "198.51.100.9", options: "" },
    ]);
  });
});

describe("shell quoting", () => {
  it("keeps quotes, semicolons and substitutions inside one word", () => {
    expect(shellQuote(`it's; $(reboot) "x"`)).toBe(`'it'\\''s; $(reboot) "x"'`);
  });
});

describe("the manifest of the network actions", () => {
  it("carries SOAR's identifiers, parameters and output data paths (SOAR playbooks bind to them)", async () => {
    const { readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const read = (p: string) => JSON.parse(readFileSync(p, "utf8")) as { actions: { action: string; identifier: string; parameters: object; output: { data_path: string }[] }[] };
    const ours = read(path.join(import.meta.dirname, "manifest.json"));
    const soar = read(path.resolve(import.meta.dirname, "../../../../../shared/fixtures/soar-apps/ssh.json"));
    for (const name of ["list connections", "block ip", "list firewall rules", "delete firewall rule"]) {
      const a = ours.actions.find((x) => x.action === name)!;
      const b = soar.actions.find((x) => x.action === name)!;
      expect(a.identifier, name).toBe(b.identifier);
      expect(Object.keys(a.parameters), name).toEqual(Object.keys(b.parameters));
      expect(a.output.map((o) => o.data_path), name).toEqual(b.output.map((o) => o.data_path));
    }
  });
});
