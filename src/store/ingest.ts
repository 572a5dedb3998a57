import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { loadCalendar } from "../calendar/index.ts";
import { type ReadChronicleOptions, readChronicle } from "../pipeline.ts";
import { decodeChronicle } from "../text/decode.ts";
import type { DocumentInput } from "./types.ts";

/** Files larger than this are refused before reading: a chronicle is far smaller. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Hashes the bytes of a chronicle file (SHA-256, lower-case hex).
 *
 * @example
 * sha256(new TextEncoder().encode("")) //=> "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
 */
export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A chronicle file read from disk: its bytes and their checksum. */
export interface DocumentFile {
  path: string;
  bytes: Uint8Array;
  sha256: string;
}

/**
 * Reads a chronicle file's bytes and checksum (without decoding them).
 *
 * @throws Error with the node error code when the file cannot be read, or when it is a
 *   directory or larger than 512 MiB
 */
export function readDocumentFile(path: string): DocumentFile {
  const stat = statSync(path);
  if (stat.isDirectory()) throw new Error("is a directory, not a chronicle file");
  if (stat.size > MAX_FILE_BYTES) {
    throw new Error(
      `the file is ${Math.round(stat.size / 2 ** 20)} MiB; the limit is ${MAX_FILE_BYTES / 2 ** 20} MiB`,
    );
  }
  const bytes = readFileSync(path);
  return { path, bytes, sha256: sha256(bytes) };
}

/**
 * Decodes, parses and dates a chronicle file into what the store writes: text → tree → dated
 * records (so entries get their Julian Day Numbers for year filters).
 *
 * @param file the file as `readDocumentFile` returns it
 * @param corpus the corpus to store it in
 * @param options `year`: the year of entries before the first heading (see `readChronicle`)
 * @throws EncodingError when the bytes are in no encoding that decodes without loss
 * @example
 * prepareDocument(readDocumentFile("corpus/xixia-ji-1043-1044.txt"), "default").records.length //=> 45
 */
export function prepareDocument(
  file: DocumentFile,
  corpus: string,
  options: Pick<ReadChronicleOptions, "year" | "carry"> = {},
): DocumentInput {
  const { text, encoding } = decodeChronicle(file.bytes);
  const { tree, records } = readChronicle(text, loadCalendar(), options);
  return { corpus, path: file.path, sha256: file.sha256, encoding, text, tree, records };
}
