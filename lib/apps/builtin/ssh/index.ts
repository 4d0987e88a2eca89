// SSH app: SOAR's SSH actions (identifiers, parameters and data paths of Splunk's SSH app) over
// ssh2: execute program, list processes, terminate process, get file (into the container's
// vault), put file (from the vault), list connections, the firewall actions (./host-network.ts),
// test connectivity. Commands run as the login user; give it
// the rights the actions need (SOAR's sudo and PowerBroker modes are not carried over).
import path from "node:path/posix";
import type { SFTPWrapper, Stats } from "ssh2";
import { failed, success, type ActionHandler, type AppModule } from "@/lib/apps/sdk";
import { connectivityTest } from "../connectivity";
import { failingOn } from "../permanent";
import { str } from "../params";
import { blockIp, deleteFirewallRule, listConnections, listFirewallRules } from "./host-network";
import { SshError, withSession } from "./session";

const permanent = failingOn(SshError);
const OK = "Command successfully executed and shell returned no errors";

/** SFTP status codes worth a sentence (draft-ietf-secsh-filexfer: 2 no such file, 3 permission denied). */
function sftpProblem(err: unknown, what: string, where: string): Error {
  const code = (err as { code?: number }).code;
  if (code === 2) return new SshError(`${what}: no such file on ${where}`);
  if (code === 3) return new SshError(`${what}: permission denied on ${where}`);
  return err instanceof Error ? err : new Error(String(err));
}

const call = <T>(fn: (cb: (err: Error | null | undefined, value: T) => void) => void) =>
  new Promise<T>((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));

const executeProgram: ActionHandler = (ctx, param) => permanent(() => withSession(ctx, str(param.ip_hostname), async (s) => {
  const command = str(param.command).trim();
  if (!command) throw new SshError("command: what to run?");
  const limit = Number(param.timeout) > 0 ? Number(param.timeout) : undefined;
  const { output, error, exitStatus } = await s.exec(command, limit);
  const data = [{ output, error }];
  if (exitStatus !== 0) return failed(`Command failed with exit status ${exitStatus ?? "(killed by a signal)"}${error ? `: ${error.trim().slice(0, 500)}` : ""}`, data, { exit_status: exitStatus });
  return success(OK, data, { exit_status: 0 });
}));

const listProcesses: ActionHandler = (ctx, param) => permanent(() => withSession(ctx, str(param.ip_hostname), async (s) => {
  const { output, error, exitStatus } = await s.exec("ps -A -o user:64= -o uid= -o pid= -o ppid= -o stime= -o comm=");
  if (exitStatus !== 0) return failed(`ps failed with exit status ${exitStatus}: ${error.trim()}`, [], { exit_status: exitStatus });
  const processes = output.split("\n").filter((l) => l.trim()).map((line) => {
    const [user, uid, pid, ppid, stime, ...command] = line.trim().split(/\s+/);
    return { user, uid, pid, ppid, stime, command: command.join(" ") };
  });
  return success(`Total processes: ${processes.length}`, [{ processes }], { exit_status: 0, total_processes: processes.length });
}));

const terminateProcess: ActionHandler = (ctx, param) => permanent(() => withSession(ctx, str(param.ip_hostname), async (s) => {
  const pid = Number(param.pid);
  if (!Number.isInteger(pid) || pid < 2) throw new SshError(`pid: expected a process id above 1, not "${str(param.pid)}"`);
  const { error, exitStatus } = await s.exec(`kill -9 ${pid}`);
  if (exitStatus !== 0) return failed(`could not terminate pid ${pid}: ${error.trim() || `exit status ${exitStatus}`}`, [{ output: error }], { exit_status: exitStatus });
  return success(OK, [{ output: `Successfully terminated pid ${pid}` }], { exit_status: 0 });
}));

const getFile: ActionHandler = (ctx, param) => permanent(() => withSession(ctx, str(param.ip_hostname), async (s) => {
  const filePath = str(param.file_path).trim();
  if (!filePath) throw new SshError("file_path: which file?");
  if (!ctx.container) throw new SshError("get file needs a container to put the file in: run it on an event or case");
  const sftp = await s.sftp();
  let content: Buffer;
  try {
    content = await call<Buffer>((cb) => sftp.readFile(filePath, cb));
  } catch (err) {
    throw sftpProblem(err, filePath, s.where);
  }
  const name = path.basename(filePath);
  const added = await ctx.vault.add(ctx.container, name, content);
  return success("Transferred file", [{ file_path: filePath, name, size: content.length, vault_id: added.vault_id }], { exit_status: 0, name, size: content.length, vault_id: added.vault_id });
}));

/** The destination: a directory gets the file under its vault name; any other path is the file itself. */
async function destination(sftp: SFTPWrapper, given: string, name: string): Promise<string> {
  if (given.endsWith("/")) return path.join(given, name);
  const stats = await call<Stats>((cb) => sftp.stat(given, cb)).catch(() => undefined);
  return stats?.isDirectory() ? path.join(given, name) : given;
}

const putFile: ActionHandler = (ctx, param) => permanent(async () => {
  const vaultId = str(param.vault_id).trim();
  const given = str(param.file_destination).trim();
  if (!vaultId) throw new SshError("vault_id: which file?");
  if (!given) throw new SshError("file_destination: where to?");
  let info, content: Uint8Array;
  try {
    [info, content] = await Promise.all([ctx.vault.info(vaultId), ctx.vault.read(vaultId)]);
  } catch (err) {
    throw new SshError(`vault_id ${vaultId}: ${(err as Error).message}`);
  }
  return withSession(ctx, str(param.ip_hostname), async (s) => {
    const sftp = await s.sftp();
    const target = await destination(sftp, given, info.name);
    try {
      await call<void>((cb) => sftp.writeFile(target, Buffer.from(content), cb));
    } catch (err) {
      throw sftpProblem(err, target, s.where);
    }
    return success(`File sent: ${target}`, [{ file_sent: target, size: content.length }], { file_sent: target });
  });
});

const app: AppModule = {
  actions: {
    test_asset_connectivity: connectivityTest(async (ctx) => {
      await withSession(ctx, "", (s) => s.exec("true"));
    }),
    ssh_execute_command: executeProgram,
    ssh_list_processes: listProcesses,
    ssh_kill_process: terminateProcess,
    ssh_get_file: getFile,
    ssh_put_file: putFile,
    ssh_list_conn: listConnections,
    ssh_block_ip: blockIp,
    ssh_list_fw_rules: listFirewallRules,
    ssh_delete_fw_rule: deleteFirewallRule,
  },
};
export default app;
