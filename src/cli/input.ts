import { readFileSync, statSync } from "node:fs";
import { noChronicle } from "../parse/no-chronicle.ts";
import { decodeChronicle, EncodingError } from "../text/decode.ts";
import { InputError } from "./command.ts";

/** Files larger than this are refused before reading: a chronicle is far smaller. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/**
 * Reads and decodes a chronicle file, turning every failure into an `InputError` that names the
 * file (and the line and column, for encoding errors).
 */
export function readChronicleFile(file: string): { text: string; encoding: string; bytes: Uint8Array } {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new InputError("is a directory, not a chronicle file", file);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === "ENOENT" ? "no such file" : `cannot read the file (${code ?? error})`,
      file,
    );
  }
  if (size > MAX_INPUT_BYTES) {
    throw new InputError(
      `the file is ${Math.round(size / 2 ** 20)} MiB; the limit is ${MAX_INPUT_BYTES / 2 ** 20} MiB`,
      file,
    );
  }
  const bytes = readFileSync(file);
  let decoded: { text: string; encoding: string };
  try {
    decoded = decodeChronicle(bytes);
  } catch (error) {
    if (error instanceof EncodingError) throw new InputError(error.message, file, error.line, error.column);
    throw error;
  }
  const absent = noChronicle(decoded.text);
  if (absent !== null) throw new InputError(`no chronicle found: ${absent}`, file, null, null);
  return { text: decoded.text, encoding: decoded.encoding, bytes };
}
