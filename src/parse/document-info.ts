/**
 * What a document is: its work, author, juan and section, and the state whose calendar it dates
 * by. Read from a Kanripo header (`#+TITLE: 遼史`, `#+PROPERTY: JUAN 卷十九`) and the title lines
 * that open a juan (`遼史卷十九`, `本紀十九`, `興宗二`; `列傳第二百四十四`, `外國一`, `夏國上`), or
 * from the title line of a plain chronicle (`西夏書事卷十五`). The works the project knows are in
 * `data/works/works.json`, each with its source.
 */
import { readFileSync } from "node:fs";
import { parseChineseNumber } from "../text/numerals.ts";
import type { DocumentInfo } from "./types.ts";

/** A work as `data/works/works.json` records it. */
export interface WorkRecord {
  id: string | null;
  work: string;
  short: string | null;
  aliases: string[];
  author: string | null;
  state: string | null;
  source: string;
}

const WORKS_URL = new URL("../../data/works/works.json", import.meta.url);
let works: WorkRecord[] | null = null;

/** The bundled works, loaded once. */
export function knownWorks(): readonly WorkRecord[] {
  works ??= (JSON.parse(readFileSync(WORKS_URL, "utf8")) as { works: WorkRecord[] }).works;
  return works;
}

/** The known work a title or Kanripo id names: `續資治通鑑長編`, `長編`, `KR2b0019`. */
export function findWork(name: string | null, id: string | null = null): WorkRecord | null {
  const all = knownWorks();
  if (id) {
    const byId = all.find((w) => w.id === id);
    if (byId) return byId;
  }
  if (!name) return null;
  const n = name.trim();
  return all.find((w) => w.work === n || w.short === n || w.aliases.includes(n)) ?? null;
}

const NUMERAL = "[〇零一二三四五六七八九十百千廿卅]+";
/** `遼史卷十九`, `續資治通鑑長編巻一百三十九`, `西夏書事卷十五`, `西夏紀卷八`. */
const TITLE_JUAN = new RegExp(`^(\\S{2,12}?)[卷巻](${NUMERAL}|\\d+)(上|中|下)?$`, "u");
/** `本紀十九`, `列傳第二百四十四`: the section kind of a 正史 juan. */
const SECTION_KIND = new RegExp(`^(\\S{0,4}?(?:本紀|列傳|志|表|世家|載記|外紀))(?:第)?(${NUMERAL})$`, "u");
/** `興宗二`, `夏國上`, `外國一`: the juan's own heading within its section. */
const SUBJECT = /^(\S{1,6}?)(一|二|三|四|五|六|七|八|九|十|上|中|下)?$/u;
/** Emperors' temple names, as the ruler line of a juan or a 本紀 names them. */
const RULER =
  /^(?:[太高世聖興道天]祖|[太世聖興道天景穆仁英神哲徽欽高孝光寧理度端宣章熙憲順武文明莊獻昭肅敬]宗|天祚帝|海陵王|衛紹王)$/u;
/** The span a juan covers: `起景祐元年正月，盡二年十二月`, `起閼逢困敦，盡旃蒙赤奮若，凡二年`. */
const JUAN_SPAN = /^起.{2,30}[，,]?[盡尽訖讫].{1,30}$/u;
/** An author line: `宋　李燾　撰`, `元中書右丞相總裁托克托等修`. */
const AUTHOR_LINE = /(撰|修|著|編|輯|纂)$/u;

/**
 * Reads what a document is from its header properties and the short lines before its body.
 *
 * @param properties a Kanripo header (`TITLE`, `ID`, `JUAN`), or `{}`
 * @param titleLines the short lines before the first dated line, trimmed, in order
 * @example
 * readDocumentInfo({ TITLE: "遼史", ID: "KR2a0033", JUAN: "卷十九" }, ["欽定四庫全書", "遼史卷十九", "本紀十九", "興宗二"])
 * //=> { work: "遼史", juan: 19, section: "興宗本紀二", ruler: "興宗", state: "遼", title: "遼史 卷十九 興宗本紀二", … }
 */
export function readDocumentInfo(
  properties: Record<string, string>,
  titleLines: readonly string[],
): DocumentInfo {
  let workName = properties.TITLE?.trim() || null;
  let juanLabel = properties.JUAN?.trim().replace(/^巻/u, "卷") || null;
  let sectionKind: string | null = null;
  let subject: string | null = null;
  let ruler: string | null = null;
  let authorLine: string | null = null;
  for (const raw of titleLines) {
    const line = raw.replace(/[\s\u3000]+/gu, "");
    if (line === "" || line === "欽定四庫全書") continue;
    const tj = TITLE_JUAN.exec(line);
    if (tj) {
      workName ??= tj[1]!;
      juanLabel ??= `卷${tj[2]}${tj[3] ?? ""}`;
      continue;
    }
    const sk = SECTION_KIND.exec(line);
    if (sk) {
      sectionKind = sk[1]!;
      continue;
    }
    if (AUTHOR_LINE.test(line)) {
      authorLine = line;
      continue;
    }
    if (RULER.test(line)) {
      ruler ??= line;
      continue;
    }
    // A 本紀's subject is its ruler (`興宗二`); a 列傳's is the last heading (`外國一`, then `夏國上`).
    const su = SUBJECT.exec(line);
    if (su && sectionKind && (subject === null || sectionKind === "列傳")) {
      subject = line;
      if (sectionKind === "本紀" && RULER.test(su[1]!)) ruler = su[1]!;
    }
  }
  const known = findWork(workName, properties.ID?.trim() || null);
  const juanDigits = juanLabel?.replace(/^卷/u, "").replace(/[上中下]$/u, "") ?? "";
  const juan =
    juanDigits === ""
      ? null
      : /^\d+$/u.test(juanDigits)
        ? Number(juanDigits)
        : parseChineseNumber(juanDigits);
  let section: string | null = null;
  if (sectionKind && !/^(本紀|列傳)$/u.test(sectionKind)) section = sectionKind;
  else if (subject && sectionKind) {
    const m = SUBJECT.exec(subject)!;
    const kind = sectionKind === "列傳" ? "傳" : sectionKind;
    section = `${m[1]}${kind}${m[2] ?? ""}`;
  }
  const author = known?.author ?? (authorLine ? authorOf(authorLine) : null);
  const work = known?.work ?? workName;
  const shown = known?.short ?? work;
  const title = shown === null ? null : [shown, juanLabel, section].filter((p) => p !== null).join(" ");
  return {
    work,
    short: known?.short ?? null,
    author,
    juan,
    juanLabel,
    section,
    ruler,
    state: known?.state ?? null,
    textId: properties.ID?.trim() || known?.id || null,
    title,
  };
}

/** The name in an author line: `宋李燾撰` → 李燾 (dynasty and office words dropped where plain). */
function authorOf(line: string): string | null {
  const m = /^(?:[宋元明清遼金]|皇)?(.{2,4}?)(?:等)?(?:撰|修|著|編|輯|纂)$/u.exec(line);
  return m ? m[1]! : null;
}

/**
 * How many of the leading lines of a plain chronicle are its title block (`遼史卷十九`, `本紀第十九`,
 * `興宗二`, an author line), which name the document and are not entries. Stops at the first
 * line that is none of these.
 *
 * @example
 * titleBlockLength(["遼史卷十九", "本紀第十九", "興宗二", "十年春正月辛亥朔，…"]) //=> 3
 */
export function titleBlockLength(lines: readonly string[]): number {
  let section = false;
  let subject = false;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!.replace(/[\s\u3000]+/gu, "");
    // `起景祐元年正月，盡二年十二月。`: the span of years a juan covers, as 綱目 chronicles open one.
    if (JUAN_SPAN.test(line)) continue;
    if (/[，。、；：！？,.;:（）()]/u.test(line)) return k;
    if (
      line === "" ||
      line === "欽定四庫全書" ||
      TITLE_JUAN.test(line) ||
      AUTHOR_LINE.test(line) ||
      RULER.test(line)
    )
      continue;
    if (SECTION_KIND.test(line)) {
      section = true;
      continue;
    }
    if (section && !subject && line.length <= 6 && SUBJECT.test(line)) {
      subject = true;
      continue;
    }
    return k;
  }
  return lines.length;
}

/** A document of which nothing is known. */
export const UNKNOWN_DOCUMENT: DocumentInfo = {
  work: null,
  short: null,
  author: null,
  juan: null,
  juanLabel: null,
  section: null,
  ruler: null,
  state: null,
  textId: null,
  title: null,
};
