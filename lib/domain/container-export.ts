// Exporting a container as a tar archive that another Vigil imports (./container-import.ts).
// Layout (format "vigil-container/1"), every JSON file in the REST API's shapes:
//   manifest.json   {format, exported_at, vigil_version, container_id, counts}
//   container.json  the container as GET /rest/container/<id> answers it (with data)
//   artifacts.json  its artifacts as GET /rest/artifact/<id> answers them (with data)
//   notes.json      its notes; comments.json its comments; pins.json its HUD pins
//   vault.json      its vault documents (name, hash = SHA-256, size, mime_type, metadata)
//   vault/<sha256>  the bytes of each vault document, once per distinct file
// The archive streams: vault files are read from disk one at a time, never all held at once.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import { artifactToRest, attachmentToRest, commentToRest, containerToRest, noteToRest, pinToRest, phantomTime } from "../rest/shapes";
import { VERSION } from "../version";
import { listArtifacts } from "./artifacts";
import { getContainer } from "./containers";
import { listComments, listNotes } from "./notes";
import { listPins } from "./pins";
import { listAttachments, vaultFile } from "./vault";

export const ARCHIVE_FORMAT = "vigil-container/1";

const ALL = { filters: [], order: "asc" as const, page: 0, pageSize: 0 };

/** Reads everything first (a missing container is a 404 before any byte is sent), then streams the tar. */
export async function exportContainer(id: number): Promise<{ fileName: string; stream: Readable }> {
  const container = await getContainer(id);
  const [artifacts, notes, comments, attachments, pins] = await Promise.all([
    listArtifacts(ALL, id), listNotes(id), listComments(id), listAttachments({ containerId: id, page: 0, pageSize: 0 }), listPins(ALL, id),
  ]);
  const hashes = [...new Set(attachments.data.map((a) => a.sha256))];
  const files = await Promise.all(hashes.map(async (sha256) => {
    const file = vaultFile(sha256);
    return { sha256, file, size: (await stat(file)).size };
  }));
  const json: [string, unknown][] = [
    ["manifest.json", {
      format: ARCHIVE_FORMAT, exported_at: phantomTime(new Date()), vigil_version: VERSION, container_id: id,
      counts: { artifacts: artifacts.count, notes: notes.length, comments: comments.length, vault: attachments.count, pins: pins.count },
    }],
    ["container.json", containerToRest(container, { detail: true })],
    ["artifacts.json", artifacts.data.map((a) => artifactToRest(a, { detail: true }))],
    ["notes.json", notes.map(noteToRest)],
    ["comments.json", comments.map(commentToRest)],
    ["pins.json", pins.data.map(pinToRest)],
    ["vault.json", attachments.data.map(attachmentToRest)],
  ];
  const pack = tar.pack();
  const out = new PassThrough();
  pack.pipe(out);
  void (async () => {
    for (const [name, value] of json) {
      await new Promise<void>((resolve, reject) => pack.entry({ name, mode: 0o644 }, JSON.stringify(value, null, 1), (e) => (e ? reject(e) : resolve())));
    }
    for (const f of files) {
      const entry = pack.entry({ name: `vault/${f.sha256}`, size: f.size, mode: 0o644 });
      await pipeline(createReadStream(f.file), entry);
    }
    pack.finalize();
  })().catch((err: unknown) => out.destroy(err as Error));
  return { fileName: `container-${id}.tar`, stream: out };
}
