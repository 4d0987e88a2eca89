// Sample events for `npm run demo`, so a first look at the console has something to work:
// phishing, malware and network events with real-looking CEF, some already worked, one case.
// Written through the same domain operations the REST API uses; only on an empty database.
import { db } from "./db/client";
import type { Actor } from "./domain/actor";
import { addToCase, promoteToCase } from "./domain/cases";
import { createContainer } from "./domain/containers";
import { addNote } from "./domain/notes";
import { newContainerSchema } from "./schemas/containers";

const FEED: Actor = { id: null, name: "demo feed", role: "system" };

interface Sample {
  name: string;
  label: string;
  severity: "low" | "medium" | "high";
  status?: "new" | "open";
  owner?: string;
  tags?: string[];
  cef: Record<string, string | number>[];
}

const host = (n: number) => `10.20.${n % 7}.${(n * 37) % 250}`;

function samples(): Sample[] {
  const list: Sample[] = [];
  const senders = ["billing@paypa1-secure.com", "it-helpdesk@0ffice365-login.net", "hr@payroll-update.info"];
  senders.forEach((from, i) => list.push({
    name: `Phishing mail from ${from}`, label: "phishing", severity: i === 0 ? "high" : "medium",
    status: i === 0 ? "open" : "new", owner: i === 0 ? "analyst" : undefined, tags: ["email"],
    cef: [
      { fromEmail: from, toEmail: `user${i + 3}@corp.example`, emailSubject: "Action required: verify your account" },
      { requestURL: `https://${from.split("@")[1]}/login?id=${4711 + i}`, destinationDnsDomain: from.split("@")[1]! },
    ],
  }));
  const hashes = ["44d88612fea8a8f36de82e1278abb02f", "e99a18c428cb38d5f260853678922e03", "5d41402abc4b2a76b9719d911017c592"];
  hashes.forEach((md5, i) => list.push({
    name: `Malware detected on WS-${120 + i}`, label: "malware", severity: i === 1 ? "high" : "medium",
    status: i === 2 ? "open" : "new", owner: i === 2 ? "manager" : undefined, tags: ["edr"],
    cef: [
      { fileName: `invoice_${i + 1}.exe`, fileHashMd5: md5, sourceHostName: `ws-${120 + i}.corp.example` },
      { sourceAddress: host(i + 1), destinationAddress: `185.220.101.${10 + i}`, destinationPort: 443 },
    ],
  }));
  for (let i = 0; i < 14; i++) {
    list.push({
      name: i % 2 ? `Outbound connection to known C2 185.220.101.${10 + (i % 3)}` : `Port scan from ${host(i)}`,
      label: "network", severity: i % 5 === 0 ? "high" : i % 2 ? "medium" : "low", tags: ["ids"],
      status: i % 4 === 0 ? "open" : "new", owner: i % 4 === 0 ? "analyst" : undefined,
      cef: [{ sourceAddress: host(i), destinationAddress: i % 2 ? `185.220.101.${10 + (i % 3)}` : host(i + 3), destinationPort: i % 2 ? 443 : 22 }],
    });
  }
  return list;
}

export async function ensureDemoEvents(): Promise<void> {
  if ((await db.container.count()) > 0) return;
  const ids: number[] = [];
  for (const [i, s] of samples().entries()) {
    const input = newContainerSchema.parse({
      name: s.name, label: s.label, severity: s.severity, status: s.status ?? "new", owner_id: s.owner,
      tags: s.tags, source_data_identifier: `demo-${i + 1}`, sensitivity: s.severity === "high" ? "red" : "amber",
      artifacts: s.cef.map((cef, j) => ({ name: `${s.label} artifact ${j + 1}`, label: "event", severity: s.severity, cef })),
    });
    ids.push((await createContainer(input, FEED)).id);
  }
  // The first phishing mail became a case holding the two other phishing mails.
  const [caseId, ...members] = ids.slice(0, 3);
  await promoteToCase(caseId!, FEED);
  await addToCase(caseId!, members, FEED);
  await addNote({
    containerId: caseId!, noteType: "general", title: "Triage",
    content: "Three look-alike domains in one morning. **Blocked** the sender domains at the mail gateway; `user3` clicked the link, reset their password.",
  }, FEED);
}
