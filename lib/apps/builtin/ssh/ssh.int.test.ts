// The SSH app's file actions through the whole path: POST /rest/action_run -> the worker of the
// running `vigil start` -> the app's child process -> Debian's sshd on loopback: get file lands
// in the vault of the action run's container (ctx.container), put file writes a vault file
// under its vault name (ctx.vault.info).
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { tokenClient, unique, type Client } from "@/lib/rest/rest-test-kit";
import { runAction } from "@/lib/testing/action-kit";
import { startSshd, type Sshd } from "@/lib/testing/sshd";

let admin: Client;
let sshd: Sshd;
let containerId: number;

beforeAll(async () => {
  admin = await tokenClient("administrator");
  sshd = await startSshd();
  containerId = (await admin.call("POST", "/rest/container", { name: "ssh file runs here" })).body.id;
});
afterAll(async () => sshd?.stop());

describe("the SSH app under the worker", () => {
  it("get file stores the host's file in the container's vault; put file writes it back under its name", async () => {
    const name = unique("ssh");
    const created = await admin.call("POST", "/rest/asset", {
      name, product_vendor: "Generic", product_name: "SSH",
      configuration: { username: sshd.user, private_key: sshd.privateKey, host_key_fingerprint: sshd.hostKeyFingerprint, port: sshd.port, timeout: 30 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const run = (action: string, parameters: Record<string, unknown>) =>
      runAction(admin, { action, container_id: containerId, targets: [{ assets: [name], parameters: [{ ip_hostname: "127.0.0.1", ...parameters }] }] }, 60_000);

    await writeFile(path.join(sshd.home, "auth.log"), "Failed password for root from 203.0.113.5\n");
    const got = await run("get file", { file_path: path.join(sshd.home, "auth.log") });
    expect(got.actionRun.status, JSON.stringify(got.appRuns[0]?.result_data)).toBe("success");
    const vaultId = got.appRuns[0]!.result_data[0].summary.vault_id as string;
    const attachment = await db.attachment.findFirstOrThrow({ where: { sha256: vaultId } });
    expect(attachment).toMatchObject({ containerId, name: "auth.log", size: 42 });

    const put = await run("put file", { vault_id: vaultId, file_destination: `${sshd.home}/copy/` });
    expect(put.appRuns[0]!.result_data[0]).toMatchObject({ status: "failed", message: expect.stringContaining("no such file") });
    await rm(path.join(sshd.home, "auth.log")); // root's file, which the login user could not overwrite
    const put2 = await run("put file", { vault_id: vaultId, file_destination: sshd.home });
    expect(put2.appRuns[0]!.result_data[0]).toMatchObject({ status: "success", message: `File sent: ${sshd.home}/auth.log` });
    expect(await readFile(path.join(sshd.home, "auth.log"), "utf8")).toBe("Failed password for root from 203.0.113.5\n");
  }, 120_000);
});
