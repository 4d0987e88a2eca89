// SOAR's SSH network actions: list connections (ss, which every Debian/RHEL host has, where
// SOAR's netstat is often missing), and block ip / list firewall rules / delete firewall rule,
// which run the asset's `firewall_command` with iptables' syntax (as SOAR's app does; default
// "iptables": log in as a user allowed to run it, or set e.g. "sudo -n iptables" with a
// NOPASSWD sudoers rule for that one binary). Every value that reaches the remote shell is
// checked first and single-quoted.
import { isIP } from "node:net";
import { failed, success, type ActionHandler } from "@/lib/apps/sdk";
import { failingOn } from "../permanent";
import { str } from "../params";
import { SshError, withSession } from "./session";

const permanent = failingOn(SshError);
const OK = "Command successfully executed and shell returned no errors";

/** A word for the remote shell, quoted whatever it holds. */
export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

// ss's state names as netstat (and so SOAR's output) spells them.
const STATES: Record<string, string> = {
  ESTAB: "ESTABLISHED", "SYN-SENT": "SYN_SENT", "SYN-RECV": "SYN_RECV", "FIN-WAIT-1": "FIN_WAIT1", "FIN-WAIT-2": "FIN_WAIT2",
  "TIME-WAIT": "TIME_WAIT", "CLOSE-WAIT": "CLOSE_WAIT", "LAST-ACK": "LAST_ACK", UNCONN: "CLOSE",
};

function splitAddress(a: string): [string, string] {
  const at = a.lastIndexOf(":");
  const ip = a.slice(0, at).replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  return [ip === "*" ? "0.0.0.0" : ip, a.slice(at + 1)];
}

export interface Connection {
  cmd: string; inode: string; local_ip: string; local_port: string; pid: string; protocol: string;
  rec_q: string; remote_ip: string; remote_port: string; send_q: string; state: string; uid: string;
}

/** `ss -Htanpe` lines in SOAR's connection shape (ss leaves out uid:0, so absent means root). */
export function parseSs(output: string): Connection[] {
  return output.split("\n").filter((l) => l.trim()).map((line) => {
    const [state = "", recQ = "", sendQ = "", local = "", peer = ""] = line.trim().split(/\s+/);
    const [localIp, localPort] = splitAddress(local);
    const [remoteIp, remotePort] = splitAddress(peer);
    const proc = /users:\(\("((?:[^"\\]|\\.)*)",pid=(\d+)/.exec(line);
    return {
      cmd: proc?.[1] ?? "", inode: /\bino:(\d+)/.exec(line)?.[1] ?? "", local_ip: localIp, local_port: localPort, pid: proc?.[2] ?? "",
      protocol: localIp.includes(":") ? "tcp6" : "tcp", rec_q: recQ, remote_ip: remoteIp, remote_port: remotePort, send_q: sendQ,
      state: STATES[state] ?? state, uid: /\buid:(\d+)/.exec(line)?.[1] ?? "0",
    };
  });
}

const port = (value: unknown, name: string): string => {
  const text = str(value).trim();
  if (!text) return "";
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new SshError(`${name}: expected a port from 1 to 65535, not "${text}"`);
  return String(n);
};

export const listConnections: ActionHandler = (ctx, param) => permanent(() => withSession(ctx, str(param.ip_hostname), async (s) => {
  const want = { local_ip: str(param.local_addr).trim(), local_port: port(param.local_port, "local_port"), remote_ip: str(param.remote_addr).trim(), remote_port: port(param.remote_port, "remote_port") };
  const { output, error, exitStatus } = await s.exec("ss -Htanpe");
  if (exitStatus !== 0) return failed(`ss failed with exit status ${exitStatus}: ${error.trim() || "is iproute2 installed?"}`, [], { exit_status: exitStatus });
  const connections = parseSs(output).filter((c) => (Object.keys(want) as (keyof typeof want)[]).every((k) => !want[k] || c[k] === want[k]));
  return success(OK, [{ connections }], { exit_status: 0, total_connections: connections.length });
}));

const PROTOCOLS = ["all", "tcp", "udp", "udplite", "icmp", "esp", "ah", "sctp"];
const CHAIN = /^[A-Za-z0-9_-]{1,28}$/;

function firewall(config: Record<string, unknown>): string {
  const command = str(config.firewall_command).trim() || "iptables";
  // The command is the administrator's (asset configuration), but one line of plain words only.
  if (!/^[\w./ -]+$/.test(command)) throw new SshError(`firewall_command "${command}": only a command and its words (letters, digits, . / _ -), e.g. "sudo -n iptables"`);
  return command;
}

async function runFirewall(ctx: Parameters<ActionHandler>[0], host: string, args: string[]) {
  const command = `${firewall(ctx.config)} ${args.map(shellQuote).join(" ")}`;
  return withSession(ctx, host, async (s) => ({ command, ...(await s.exec(command)) }));
}

export const blockIp: ActionHandler = (ctx, param) => permanent(async () => {
  const ip = str(param.remote_ip).trim();
  const remotePort = port(param.remote_port, "remote_port");
  const protocol = (str(param.protocol).trim() || "all").toLowerCase();
  // SOAR's value list says "setp"; iptables knows sctp.
  const proto = protocol === "setp" ? "sctp" : protocol;
  const direction = str(param.direction).trim().toLowerCase();
  if (!ip && !remotePort) throw new SshError("block ip needs remote_ip or remote_port (or both)");
  if (ip && !isIP(ip.replace(/\/\d{1,3}$/, "")) && !/^[A-Za-z0-9.-]{1,253}$/.test(ip)) throw new SshError(`remote_ip: "${ip}" is not an IP address, network or host name`);
  if (!PROTOCOLS.includes(proto)) throw new SshError(`protocol: one of ${PROTOCOLS.join(", ")}, not "${protocol}"`);
  if (direction !== "in" && direction !== "out") throw new SshError(`direction: In or Out, not "${str(param.direction)}"`);
  if (remotePort && !["tcp", "udp", "udplite", "sctp"].includes(proto)) throw new SshError(`remote_port needs protocol tcp, udp, udplite or sctp (a ${proto} rule has no ports)`);
  // The remote side is the source of inbound packets and the destination of outbound ones.
  const inbound = direction === "in";
  const args = ["-I", inbound ? "INPUT" : "OUTPUT", "-p", proto];
  if (ip) args.push(inbound ? "-s" : "-d", ip);
  if (remotePort) args.push(inbound ? "--sport" : "--dport", remotePort);
  args.push("-j", "DROP");
  const comment = str(param.comment).trim();
  if (comment) args.push("-m", "comment", "--comment", comment.slice(0, 256));
  const { command, output, error, exitStatus } = await runFirewall(ctx, str(param.ip_hostname), args);
  if (exitStatus !== 0) return failed(`${command} failed with exit status ${exitStatus}: ${error.trim() || output.trim()}`, [{ output: error || output }], { exit_status: exitStatus });
  return success(OK, [{ output }], { exit_status: 0 });
});

export interface FirewallRule {
  chain: string; num: string; target: string; protocol: string; source: string; destination: string; options: string;
}

/** `iptables -L [chain] --line-numbers -n`: "Chain X (...)" headings, a column header, then rules. */
export function parseIptables(output: string): FirewallRule[] {
  const rules: FirewallRule[] = [];
  let chain = "";
  for (const line of output.split("\n")) {
    const heading = /^Chain (\S+)/.exec(line);
    if (heading) {
      chain = heading[1]!;
      continue;
    }
    const m = /^(\d+)\s+(\S*?)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (m && chain) rules.push({ chain, num: m[1]!, target: m[2]!, protocol: m[3]!, source: m[5]!, destination: m[6]!, options: m[7]!.trim() });
  }
  return rules;
}

export const listFirewallRules: ActionHandler = (ctx, param) => permanent(async () => {
  const chain = str(param.chain).trim();
  if (chain && !CHAIN.test(chain)) throw new SshError(`chain: "${chain}" is not a chain name (INPUT, OUTPUT, ...)`);
  const protocol = str(param.protocol).trim().toLowerCase();
  const wantPort = port(param.port, "port");
  const { command, output, error, exitStatus } = await runFirewall(ctx, str(param.ip_hostname), ["-L", ...(chain ? [chain] : []), "--line-numbers", "-n"]);
  if (exitStatus !== 0) return failed(`${command} failed with exit status ${exitStatus}: ${error.trim() || output.trim()}`, [], { exit_status: exitStatus });
  const rules = parseIptables(output).filter((r) => (!protocol || r.protocol === protocol) && (!wantPort || new RegExp(`\\b[sd]?pts?:(?:[\\d,]*,)?${wantPort}\\b`).test(r.options)));
  return success(OK, [{ rules }], { exit_status: 0, total_rules: rules.length });
});

export const deleteFirewallRule: ActionHandler = (ctx, param) => permanent(async () => {
  const chain = str(param.chain).trim();
  if (!CHAIN.test(chain)) throw new SshError(`chain: "${chain}" is not a chain name (INPUT, OUTPUT, ...)`);
  const number = Number(str(param.number).trim());
  if (!Number.isInteger(number) || number < 1) throw new SshError(`number: expected a rule number from 1, not "${str(param.number)}"`);
  const { command, output, error, exitStatus } = await runFirewall(ctx, str(param.ip_hostname), ["-D", chain, String(number)]);
  if (exitStatus !== 0) return failed(`${command} failed with exit status ${exitStatus}: ${error.trim() || output.trim()}`, [{ output: error || output }], { exit_status: exitStatus });
  return success(OK, [{ output }], { exit_status: 0 });
});
