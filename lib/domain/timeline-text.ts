// How one audit row reads in a container's activity timeline: in words an analyst uses
// ("assigned to alex", "added to case #12"), not the column names the row records.

const SET_TO: Record<string, string> = {
  status: "status", severity: "severity", sensitivity: "sensitivity", label: "label", name: "name",
};

function fieldChange(key: string, value: unknown, users: ReadonlyMap<number, string>): string {
  if (key === "owner_id") {
    if (value === null) return "unassigned";
    const id = Number(value);
    return `assigned to ${users.get(id) ?? `user #${id}`}`;
  }
  if (key === "parent_container") return value === null ? "removed from its case" : `added to case #${String(value)}`;
  if (key === "due_time") return value === null ? "due time cleared" : `due ${String(value).replace("T", " ").slice(0, 16)} UTC`;
  if (key === "tags" && Array.isArray(value)) return value.length ? `tags set to ${value.join(", ")}` : "tags cleared";
  if (key === "reason") return `reason: ${String(value)}`;
  const label = SET_TO[key];
  if (label && typeof value === "string") return `${label} set to ${value}`;
  return `${key.replace(/_/g, " ")} changed`;
}

/** The user ids a row's detail refers to, so their names can be looked up in one query. */
export function referencedUsers(detail: Record<string, unknown>): number[] {
  const owner = detail.owner_id;
  return typeof owner === "number" ? [owner] : [];
}

export function describeAudit(action: string, detail: Record<string, unknown>, users: ReadonlyMap<number, string>): string {
  const { bulk: _bulk, ...rest } = detail;
  if (action === "container.create") {
    const n = Array.isArray(detail.artifact_ids) ? detail.artifact_ids.length : 0;
    return `created with ${n} artifact${n === 1 ? "" : "s"}`;
  }
  if (action === "container.import") {
    const from = detail.exported_from == null ? "an archive" : `an archive of #${String(detail.exported_from)}`;
    const count = (n: unknown, word: string) => `${Number(n ?? 0)} ${word}${Number(n ?? 0) === 1 ? "" : "s"}`;
    return `imported from ${from} with ${count(detail.notes, "note")} and ${count(detail.vault, "file")}`;
  }
  if (action === "pin.create") return `pinned "${String(detail.message ?? "")}": ${String(detail.data ?? "")}`;
  if (action === "pin.update") return "pin changed";
  if (action === "pin.delete") return `unpinned "${String(detail.message ?? "")}"`;
  if (action.startsWith("container.")) return Object.entries(rest).map(([k, v]) => fieldChange(k, v, users)).join("; ");
  if (action === "note.create") return `note "${String(detail.title ?? "")}"`;
  if (action === "vault.add") return `attached ${String(detail.name ?? "")}`;
  if (action === "playbook_run.start") return `started playbook ${String(detail.playbook ?? "")}`;
  if (action === "playbook_run.cancel") return "cancelled the playbook run";
  if (action === "case.add" && Array.isArray(detail.ids)) return `added ${detail.ids.map((i) => `#${String(i)}`).join(", ")} to this case`;
  return Object.keys(rest).length ? JSON.stringify(rest) : "";
}

/** `get data on asset "web": success (Status code: 200, Reason: OK)`. */
export function describeAppRun(run: { action: string; assetName: string; status: string; message: string; attempt: number }): string {
  const tries = run.attempt > 1 ? `, attempt ${run.attempt}` : "";
  const detail = run.message ? ` (${run.message.length > 200 ? `${run.message.slice(0, 200)}...` : run.message})` : "";
  return `${run.action} on asset "${run.assetName}": ${run.status}${tries}${detail}`;
}

/** `run #12 started by automation: playbook run succeeded`. */
export function describePlaybookRun(run: { id: number; status: string; message: string; startedBy: string }): string {
  const detail = run.message ? `: ${run.message.length > 200 ? `${run.message.slice(0, 200)}...` : run.message}` : "";
  return `run #${run.id} started by ${run.startedBy}, ${run.status}${detail}`;
}
