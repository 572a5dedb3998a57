/**
 * The benchmark corpora. `repeatedSample` repeats the sample as it is; `buildCorpus` builds a
 * large varied corpus from the sample and the two bundled juan of 長編:
 *
 * - each copy of the sample (a 綱目 chronicle) is set under the year headings of another real
 *   era (`STATE稱ERA N年`, the two consecutive years of an era of 北宋, 遼, 西夏, 金 or 南宋 that
 *   the calendar knows), so that every copy dates to different years;
 * - each copy of a 長編 juan (a Kanripo file) opens with another Song era and year in place of
 *   慶歴三年 / 慶厯四年;
 * - in every copy, the leading digit of each written quantity (`二千餘里`, `三十萬`) is replaced
 *   by another digit, and the persons of each state (Song officials, Tangut and Khitan nobles)
 *   are permuted among themselves, so that names stay names the annotator knows;
 * - every choice comes from one seeded generator: the same size and seed give the same corpus.
 *
 * The copies are grouped into files as `biannian ingest` would read them: the sample copies
 * `SAMPLE_COPIES_PER_FILE` to a file, each 長編 copy in its own file (a Kanripo file is one juan).
 */
import { readFileSync } from "node:fs";
import { loadCalendar } from "../src/calendar/index.ts";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

/** The bundled sample chronicle. */
export const SAMPLE = read("../corpus/xixia-ji-1043-1044.txt");
/** The two bundled juan of 續資治通鑑長編 (Kanripo files), with their file names. */
export const CHANGBIAN: readonly { name: string; text: string }[] = ["KR2b0019_143", "KR2b0019_153"].map(
  (name) => ({ name, text: read(`../corpus/changbian/${name}.txt`) }),
);

/** Copies of the sample in one file of the built corpus (about 370 000 characters). */
export const SAMPLE_COPIES_PER_FILE = 40;
/** The seed of the built corpus. */
export const CORPUS_SEED = 1043;

/**
 * A benchmark corpus of at least `chars` characters: the sample repeated as it is.
 *
 * @example
 * repeatedSample(20_000).length //=> 27 845 (three copies joined by line breaks)
 */
export function repeatedSample(chars: number): string {
  const copies = Math.ceil(chars / SAMPLE.length);
  const parts: string[] = [];
  for (let i = 0; i < copies; i++) parts.push(SAMPLE);
  return parts.join("\n");
}

/**
 * A small deterministic generator (mulberry32): numbers in [0, 1), the same for the same seed.
 *
 * @example
 * const next = random(1); next() //=> 0.6270739405881613
 */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIGITS = "一二三四五六七八九";

/**
 * A year of an era as headings write it: 元 for 1, else Chinese numerals.
 *
 * @example
 * eraYearNumeral(1) //=> "元"; eraYearNumeral(14) //=> "十四"; eraYearNumeral(23) //=> "二十三"
 */
export function eraYearNumeral(n: number): string {
  if (n === 1) return "元";
  const tens = Math.floor(n / 10);
  const units = n % 10;
  const head = tens === 0 ? "" : tens === 1 ? "十" : `${DIGITS[tens - 1]}十`;
  return head + (units === 0 ? "" : DIGITS[units - 1]!);
}

/** The states whose eras head the sample's copies. */
const HEADING_STATES = ["北宋", "遼", "西夏", "金", "南宋"];
/** Persons permuted among themselves in each copy, by state (all in data/authority/persons.jsonl). */
const NAME_GROUPS: readonly (readonly string[])[] = [
  [
    ..."王堯臣 韓琦 范仲淹 种世衡 龐籍 田況 梁適 鄭戩 余靖 晏殊 歐陽修 蔡襄 孫甫 楊偕 王素 包拯 富弼 吳育 狄青 夏竦 文彥博 杜衍 宋庠 尹洙".split(
      " ",
    ),
  ],
  [..."野利旺榮 野利遇乞 賀從勖 楊守素 張延壽 張元 李文貴".split(" ")],
  [..."耶律敵烈 王惟吉 蕭惠 蕭孝友 蕭革 耶律義先 蕭普達".split(" ")],
];
const NAMES = new RegExp(
  NAME_GROUPS.flat()
    .sort((a, b) => b.length - a.length)
    .join("|"),
  "gu",
);
/** The leading digit of a quantity: 二 in 二千餘里, 三 in 三十萬 (not in 十二月). */
const QUANTITY_DIGIT = /[一二三四五六七八九](?=[十百千萬])/gu;
/** The sample's two year headings. */
const SAMPLE_HEADINGS = ["西夏稱天授禮法延祚六年", "西夏稱天授禮法延祚七年"] as const;
/** The era and year that open each 長編 juan. */
const JUAN_OPENING =
  /慶[歴厯曆][一二三四五六七八九十]{1,3}年(?=[春夏秋冬]?閏?[正一二三四五六七八九十]{1,2}月)/u;

interface EraYears {
  state: string;
  era: string;
  first: number;
}

/** Eras with at least two years, of the states in `states`, as (state, era, first year of a pair). */
function eraPairs(states: readonly string[], maxLength: number): EraYears[] {
  const calendar = loadCalendar();
  const out: EraYears[] = [];
  for (const id of states) {
    const state = calendar.stateById.get(id);
    if (!state) continue;
    for (const era of state.eras) {
      if (era.parallelOnly || era.name.startsWith("（") || era.name.length > maxLength) continue;
      const years = [...era.years.keys()].sort((a, b) => a - b);
      for (const year of years)
        if (era.years.has(year + 1)) out.push({ state: id, era: era.name, first: year });
    }
  }
  return out;
}

/** One file of the built corpus. */
export interface CorpusFile {
  /** A file name, unique within the corpus (`sample-0001.txt`, `changbian-0001-KR2b0019_143.txt`). */
  name: string;
  text: string;
}

/** The built corpus: its files and how it was made. */
export interface Corpus {
  files: CorpusFile[];
  /** UTF-16 code units of all files. */
  chars: number;
  sampleCopies: number;
  changbianCopies: number;
  /** One line saying how the corpus was built, for the printed output. */
  description: string;
}

/** A copy of `text` with its quantities and persons varied by `next`. */
function vary(text: string, next: () => number): string {
  const map = new Map<string, string>();
  for (const group of NAME_GROUPS) {
    const shuffled = [...group];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    for (const [i, name] of group.entries()) map.set(name, shuffled[i]!);
  }
  return text
    .replace(QUANTITY_DIGIT, () => DIGITS[Math.floor(next() * DIGITS.length)]!)
    .replace(NAMES, (name) => map.get(name) ?? name);
}

/**
 * Builds a varied corpus of at least `chars` characters from the sample and the two 長編 juan
 * (see the module comment for how each copy is varied).
 *
 * @param chars the least size, in UTF-16 code units
 * @param seed the seed of every choice (default `CORPUS_SEED`)
 * @example
 * const corpus = buildCorpus(30_000_000);
 * corpus.files.length //=> 1 896; corpus.chars //=> 30 019 563
 */
export function buildCorpus(chars: number, seed = CORPUS_SEED): Corpus {
  const next = random(seed);
  const headingEras = eraPairs(HEADING_STATES, 12);
  const songEras = eraPairs(["北宋", "南宋"], 4);
  const setSize = SAMPLE.length + CHANGBIAN.reduce((n, juan) => n + juan.text.length, 0);
  const sets = Math.max(1, Math.ceil(chars / setSize));
  const files: CorpusFile[] = [];
  let sampleFile: string[] = [];
  const flush = () => {
    if (sampleFile.length === 0) return;
    const number = String(files.filter((f) => f.name.startsWith("sample")).length + 1).padStart(4, "0");
    files.push({ name: `sample-${number}.txt`, text: sampleFile.join("\n") });
    sampleFile = [];
  };
  for (let set = 0; set < sets; set++) {
    const heading = headingEras[Math.floor(next() * headingEras.length)]!;
    let copy = vary(SAMPLE, next);
    SAMPLE_HEADINGS.forEach((line, i) => {
      copy = copy.replace(
        `\n${line}\n`,
        `\n${heading.state}稱${heading.era}${eraYearNumeral(heading.first + i)}年\n`,
      );
    });
    sampleFile.push(copy);
    if (sampleFile.length === SAMPLE_COPIES_PER_FILE) flush();
    for (const juan of CHANGBIAN) {
      const opening = songEras[Math.floor(next() * songEras.length)]!;
      const text = vary(juan.text, next).replace(
        JUAN_OPENING,
        `${opening.era}${eraYearNumeral(opening.first)}年`,
      );
      files.push({ name: `changbian-${String(set + 1).padStart(4, "0")}-${juan.name}.txt`, text });
    }
  }
  flush();
  const total = files.reduce((n, f) => n + f.text.length, 0);
  return {
    files,
    chars: total,
    sampleCopies: sets,
    changbianCopies: sets * CHANGBIAN.length,
    description:
      `${total.toLocaleString("en")} characters in ${files.length} files: ${sets} copies of the sample ` +
      `(${SAMPLE_COPIES_PER_FILE} to a file, each under the headings of another era's two years) and ` +
      `${sets} of each 長編 juan (one file each, opening with another Song era and year); quantities and ` +
      `persons varied in every copy (seed ${seed})`,
  };
}

/** One measured figure; `goal` (a sentence) and `met` for the figures that have a target. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  met?: boolean;
}

/**
 * Runs `fn` and returns its duration in milliseconds.
 *
 * @example
 * time(() => parse(text)) //=> 812.4
 */
export function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}
