/**
 * Turns the bytes of a chronicle file into text: UTF-8 (with or without BOM), UTF-16 with BOM,
 * and the two legacy encodings Chinese texts still come in, GB18030 (a superset of GBK/GB2312)
 * and Big5. Anything else is refused with a clear message rather than decoded into mojibake.
 */

/** The encodings `decodeChronicle` recognises. */
export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030" | "big5";

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** True when a byte-order mark was present and removed. */
  bom: boolean;
}

/** Thrown when the bytes are in no encoding that can be decoded without loss. */
export class EncodingError extends Error {
  override name = "EncodingError";
  constructor(
    message: string,
    /** 1-based line and column of the first undecodable byte, counted in UTF-8 as far as it went. */
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

// Characters common in classical and modern Chinese prose, in traditional and simplified forms.
// A legacy decoding that yields many of them is the right one; a wrong one yields rare characters.
const COMMON = new Set(
  Array.from(
    "之不以而其人於于為爲为使年月曰也有者中國国大王時时所至言與与天下事上後后遣宋夏契丹元昊兵請请和議议書书臣帝朝是的一了在我他這这個个們们說说來来",
  ),
);

function tryDecode(bytes: Uint8Array, encoding: Encoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function commonScore(text: string): number {
  let score = 0;
  for (const c of text) if (COMMON.has(c)) score++;
  return score;
}

function firstBadUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) break;
    let ok = i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (!ok) break;
    if (b === 0x0a) {
      line++;
      column = 1;
    } else {
      column++;
    }
    i += need + 1;
  }
  return { line, column };
}

/**
 * Decodes a chronicle file's bytes, detecting the encoding.
 *
 * @param bytes the file's content
 * @returns the text (BOM removed) and the encoding found
 * @throws EncodingError when the bytes are not valid UTF-8, UTF-16 (with BOM), GB18030 or Big5
 * @example
 * decodeChronicle(new TextEncoder().encode("春正月")) //=> { text: "春正月", encoding: "utf-8", bom: false }
 */
export function decodeChronicle(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryDecode(bytes.subarray(3), "utf-8");
    if (text !== null) return { text, encoding: "utf-8", bom: true };
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = tryDecode(bytes.subarray(2), "utf-16le");
    if (text !== null) return { text, encoding: "utf-16le", bom: true };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = tryDecode(bytes.subarray(2), "utf-16be");
    if (text !== null) return { text, encoding: "utf-16be", bom: true };
  }
  const utf8 = tryDecode(bytes, "utf-8");
  if (utf8 !== null) return { text: utf8, encoding: "utf-8", bom: false };

  const candidates = (["gb18030", "big5"] as const)
    .map((encoding) => ({ encoding, text: tryDecode(bytes, encoding) }))
    .filter((c): c is { encoding: "gb18030" | "big5"; text: string } => c.text !== null)
    .map((c) => ({ ...c, score: commonScore(c.text) / Math.max(1, c.text.length) }))
    .sort((a, b) => b.score - a.score);
  const best = candidates[0];
  // GB18030 decodes almost any byte sequence; require that the result reads as Chinese.
  if (best && best.score >= 0.02) return { text: best.text, encoding: best.encoding, bom: false };
  const { line, column } = firstBadUtf8(bytes);
  throw new EncodingError(
    "not valid UTF-8, and not recognisably GB18030 or Big5 either; convert the file to UTF-8 (e.g. `iconv -f ENCODING -t UTF-8`)",
    line,
    column,
  );
}
