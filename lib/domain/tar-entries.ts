// Reads a tar archive into memory by entry name. The caller judges each entry (keep it under a
// name, skip it, or refuse the archive), so container import and app install share one reader.
import { Readable } from "node:stream";
import tar from "tar-stream";

/** What to do with one entry: keep it under `keep`, skip it, or refuse the whole archive. */
export type EntryVerdict = { keep: string } | "skip" | Error;

export async function readTarEntries(
  bytes: Buffer,
  judge: (header: tar.Header, kept: Map<string, Buffer>) => EntryVerdict,
  unreadable: (message: string) => Error,
): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on("entry", (header, stream, next) => {
      const verdict = judge(header, entries);
      if (verdict === "skip") return stream.resume().on("end", next);
      if (verdict instanceof Error) return reject(verdict);
      const chunks: Buffer[] = [];
      stream.on("data", (c: unknown) => chunks.push(c as Buffer));
      stream.on("end", () => {
        entries.set(verdict.keep, Buffer.concat(chunks));
        next();
      });
      stream.on("error", reject);
    });
    extract.on("finish", resolve);
    extract.on("error", (e) => reject(unreadable(e.message)));
  });
  Readable.from([bytes]).pipe(extract);
  await done;
  return entries;
}
