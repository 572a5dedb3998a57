/** Shared inputs of the store tests: the sample chronicle and small hand-written ones. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse, toEntryRecords } from "../../src/parse/index.ts";
import { type AnnotatedEntryRecord, readChronicle } from "../../src/pipeline.ts";
import type { DocumentInput } from "../../src/store/index.ts";

/** The bundled sample chronicle. */
export const SAMPLE_PATH = new URL("../../corpus/xixia-ji-1043-1044.txt", import.meta.url);
export const SAMPLE = readFileSync(SAMPLE_PATH, "utf8");

/** A juan of 長編 from the Kanseki Repository (卷一百三十九). */
export const CHANGBIAN_143 = readFileSync(
  new URL("../../corpus/changbian/KR2b0019_143.txt", import.meta.url),
  "utf8",
);

/**
 * A small chronicle with what the sample lacks: CE years in the headings, a leap month, a
 * character outside the BMP (𤦺 for 琦), 範仲淹 beside 范仲淹, 爲 beside 為, and 青盐 written simplified.
 */
export const SYNTHETIC = [
  "慶曆三年（癸未，1043）",
  "春正月，韓\u{249BA}言範仲淹可用。（《長編》一百三十九）",
  "二月，元昊遣使來，爲書稱臣。",
  "使者至延州。（《宋史·夏國傳》。按《長編》作青盐。）",
  "夏四月，為范仲淹所扼。",
  "慶曆四年（甲申，1044）",
  "閏五月，與契丹戰。（《遼史·興宗本紀》）",
  "",
].join("\n");

/** A document input for `text`, as the ingest command would build it. */
export function documentInput(text: string, options: { corpus?: string; path?: string } = {}): DocumentInput {
  const tree = parse(text);
  return {
    corpus: options.corpus ?? "default",
    path: options.path ?? "sample.txt",
    sha256: createHash("sha256").update(text).digest("hex"),
    encoding: "utf-8",
    text,
    tree,
    records: toEntryRecords(tree),
  };
}

/**
 * A document input for `text` read through the whole pipeline — parsed, dated and annotated — as
 * the ingest stores it.
 */
export function annotatedInput(
  text: string,
  options: { corpus?: string; path?: string } = {},
): Omit<DocumentInput, "records"> & { records: AnnotatedEntryRecord[] } {
  const { tree, records } = readChronicle(text);
  return {
    corpus: options.corpus ?? "default",
    path: options.path ?? "sample.txt",
    sha256: createHash("sha256").update(text).digest("hex"),
    encoding: "utf-8",
    text,
    tree,
    records,
  };
}
