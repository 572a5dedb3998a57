/** Stores for the web app's tests: the bundled chronicles read through the whole pipeline, and a hostile one. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readChronicle } from "../../src/pipeline.ts";
import { openSqliteStore, type SqliteStore } from "../../src/store/index.ts";

export const CORPUS = new URL("../../corpus/", import.meta.url);

/** The sample (document 1) and the two 長編 juan (documents 2 and 3). */
export const CORPUS_FILES = [
  "xixia-ji-1043-1044.txt",
  "changbian/KR2b0019_143.txt",
  "changbian/KR2b0019_153.txt",
];

/** 遼史 卷十九 (興宗本紀二): the other chronicle of 1043–1044, stored after the others when asked. */
export const LIAO_19 = "liaoshi/KR2a0033_019.txt";

/**
 * A chronicle whose text is markup: the app must show it as characters, never run or render it.
 * `window.__pwned` is set if anything of it executes.
 */
export const HOSTILE = [
  "慶曆三年（癸未，1043）",
  '春正月，<script>window.__pwned=1</script>元昊遣使來。<img src=x onerror="window.__pwned=2">使者至延州。（《<b>長編</b>》一百三十九）',
  '二月，<a href="javascript:window.__pwned=3">契丹</a>遣使。（《宋史·夏國傳》。按《長編》作<i onmouseover="window.__pwned=4">青盐</i>。）',
  "",
].join("\n");

/**
 * Stores a text read through parse, date and annotate, as `biannian ingest` does.
 *
 * @param store where to store it
 * @param text the chronicle
 * @param path the path it is stored under
 * @param annotate run the annotation stage (default true)
 */
export async function putText(
  store: SqliteStore,
  text: string,
  path: string,
  annotate = true,
): Promise<void> {
  const { tree, records } = readChronicle(text, undefined, { annotate });
  await store.putDocument({
    corpus: "default",
    path,
    sha256: createHash("sha256").update(text).digest("hex"),
    encoding: "utf-8",
    text,
    tree,
    records,
  });
}

/**
 * A store with the bundled chronicles (documents 1–3) and, when asked, the hostile one and 遼史
 * 卷十九, in that order (the hostile one is document 4 when asked for).
 */
export async function corpusStore(
  options: { hostile?: boolean; liao?: boolean; path?: string } = {},
): Promise<SqliteStore> {
  const store = openSqliteStore(options.path ?? ":memory:");
  for (const file of CORPUS_FILES) await putText(store, readFileSync(new URL(file, CORPUS), "utf8"), file);
  if (options.hostile) await putText(store, HOSTILE, "hostile.txt");
  if (options.liao) await putText(store, readFileSync(new URL(LIAO_19, CORPUS), "utf8"), LIAO_19);
  return store;
}

/** The ids of the sample's entries whose text (headline, details or notes) contains `word`. */
export async function entriesContaining(
  store: SqliteStore,
  documentId: number,
  word: string,
): Promise<string[]> {
  const ids: string[] = [];
  const page = await store.listEntries({ documentId }, { limit: 10_000 });
  for (const summary of page.results) {
    const entry = await store.getEntry(summary.id);
    const texts = [entry!.headline, ...entry!.details.map((d) => d.text), ...entry!.notes.map((n) => n.text)];
    if (texts.some((t) => t.includes(word))) ids.push(summary.id);
  }
  return ids;
}
