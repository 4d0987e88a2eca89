// Reads one file from a multipart/form-data request body as it streams in (busboy), holding at
// most `maxBytes` of it: a larger file is refused by its Content-Length before any byte is read,
// or, when the length is not declared, the moment the stream passes the limit, which stops
// reading the rest of the body. Nothing is written anywhere until the whole file has arrived.
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import Busboy from "busboy";

export interface UploadedFile {
  name: string;
  mimeType: string;
  bytes: Buffer;
}

export type UploadResult = { ok: true; file: UploadedFile } | { ok: false; status: number; message: string };

/** Multipart boundaries and headers around the file. */
const ENVELOPE_BYTES = 64 * 1024;

export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export async function readUploadedFile(request: Request, opts: { field: string; maxBytes: number; limitName: string }): Promise<UploadResult> {
  const tooLarge: UploadResult = {
    ok: false, status: 413, message: `the file is larger than the vault's limit of ${describeBytes(opts.maxBytes)} (${opts.limitName})`,
  };
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > opts.maxBytes + ENVELOPE_BYTES) return tooLarge;
  const notMultipart: UploadResult = { ok: false, status: 400, message: `send the file as multipart/form-data in a field named "${opts.field}"` };
  if (!request.body) return notMultipart;

  let parser: Busboy.Busboy;
  try {
    parser = Busboy({
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      // Browsers send file names as raw UTF-8.
      defParamCharset: "utf8",
      limits: { files: 1, fileSize: opts.maxBytes, fields: 20, parts: 25, fieldSize: 64 * 1024 },
    });
  } catch {
    return notMultipart;
  }
  const source = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);

  return new Promise<UploadResult>((resolve) => {
    let settled = false;
    let file: UploadedFile | null = null;
    const finish = (result: UploadResult) => {
      if (settled) return;
      settled = true;
      if (!result.ok) {
        // Stop reading the body: the client gets its answer without sending the rest.
        source.unpipe(parser);
        source.destroy();
      }
      resolve(result);
    };
    parser.on("file", (field, stream, info) => {
      if (field !== opts.field || file) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => finish(tooLarge));
      stream.on("end", () => {
        if (!settled) file = { name: info.filename ?? "", mimeType: info.mimeType, bytes: Buffer.concat(chunks) };
      });
    });
    parser.on("close", () => finish(file?.name ? { ok: true, file } : { ok: false, status: 400, message: "choose a file to upload" }));
    parser.on("error", () => finish({ ok: false, status: 400, message: "the upload is not valid multipart/form-data" }));
    source.on("error", () => finish({ ok: false, status: 400, message: "the upload ended before the file was complete" }));
    source.pipe(parser);
  });
}
