/**
 * "Cite this entry": a permalink that outlives a new ingest (the work, juan and the entry's place
 * in the text, never a database id) and the citation a historian pastes into a footnote, in
 * Chinese and in a romanised (Chicago-style) form, each with a copy button.
 */
import type { DocumentSummary, EntrySummary } from "./api.ts";
import romanised from "./data/romanised.json" with { type: "json" };
import { announce, h } from "./dom.ts";
import { chineseNumber, dateFields } from "./format.ts";
import { href } from "./router.ts";

const STEMS = ["jia", "yi", "bing", "ding", "wu", "ji", "geng", "xin", "ren", "gui"];
const BRANCHES = ["zi", "chou", "yin", "mao", "chen", "si", "wu", "wei", "shen", "you", "xu", "hai"];
const STEM_CHARS = "甲乙丙丁戊己庚辛壬癸";
const BRANCH_CHARS = "子丑寅卯辰巳午未申酉戌亥";
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** What a citation needs of a document. */
export type CitedDocument = Pick<DocumentSummary, "id" | "name" | "work" | "author" | "juan" | "juanLabel">;

/**
 * The permalink route of an entry: `#/cite/WORK/JUAN/ENTRY` for a juan of a known work, else
 * `#/cite/FILE/ENTRY` — names that a new ingest of the same text keeps, unlike document ids.
 *
 * @example
 * permalinkPath({ work: "續資治通鑑長編", juan: 150, name: "KR2b0019_154.txt" }, "e13") //=> ["cite", "續資治通鑑長編", "150", "e13"]
 */
export function permalinkPath(
  document: Pick<CitedDocument, "work" | "juan" | "name">,
  localId: string,
): string[] {
  return document.work && document.juan !== null
    ? ["cite", document.work, String(document.juan), localId]
    : ["cite", document.name, localId];
}

/**
 * The document a permalink's segments name, among the stored ones.
 *
 * @example
 * findCited(documents, ["續資治通鑑長編", "150", "e13"]) //=> { document: {…}, localId: "e13" }
 */
export function findCited<D extends Pick<CitedDocument, "work" | "juan" | "name">>(
  documents: readonly D[],
  segments: readonly string[],
): { document: D; localId: string } | null {
  if (segments.length === 3) {
    const [work, juan, localId] = segments as [string, string, string];
    const document = documents.find((d) => d.work === work && String(d.juan) === juan);
    return document ? { document, localId } : null;
  }
  if (segments.length === 2) {
    const [name, localId] = segments as [string, string];
    const document = documents.find((d) => d.name === name);
    return document ? { document, localId } : null;
  }
  return null;
}

/** The permalink as an absolute URL of this app. */
export function permalink(document: CitedDocument, localId: string, base = `${location.origin}/`): string {
  return `${base}${href(permalinkPath(document, localId))}`;
}

function eraYear(era: string, year: number): string {
  return `${era}${year === 1 ? "元" : chineseNumber(year)}年`;
}

/** The entry's month and day as a citation writes them: 六月戊午, 閏五月, 四月. */
function monthDay(entry: Pick<EntrySummary, "date">): string {
  const { month, leap, day, season, text } = entry.date as {
    month?: number | null;
    leap?: boolean;
    day?: number | string | null;
    season?: string | null;
    text?: string | null;
  };
  if (month === null || month === undefined) return season ?? text ?? "";
  const m = `${leap ? "閏" : ""}${month === 1 ? "正" : chineseNumber(month)}月`;
  if (day === null || day === undefined) return m;
  return typeof day === "number" ? `${m}${chineseNumber(day)}日` : `${m}${day}`;
}

function isoParts(iso: string): [number, number, number] {
  const match = /^(-?\d+)-(\d+)-(\d+)$/.exec(iso);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
}

/** The Julian days of the entry's date, in Chinese: 1044年7月20日, 1043年5月12日至6月9日. */
function julianChinese(range: { start: string; end: string }): string {
  const [y1, m1, d1] = isoParts(range.start);
  const [y2, m2, d2] = isoParts(range.end);
  const first = `${y1}年${m1}月${d1}日`;
  if (range.start === range.end) return first;
  return `${first}至${y2 === y1 ? "" : `${y2}年`}${m2}月${d2}日`;
}

/** The Julian days of the entry's date, in English: July 20, 1044; May 12–June 9, 1043. */
function julianEnglish(range: { start: string; end: string }): string {
  const [y1, m1, d1] = isoParts(range.start);
  const [y2, m2, d2] = isoParts(range.end);
  if (range.start === range.end) return `${MONTHS[m1 - 1]} ${d1}, ${y1}`;
  if (y1 !== y2) return `${MONTHS[m1 - 1]} ${d1}, ${y1}–${MONTHS[m2 - 1]} ${d2}, ${y2}`;
  return `${MONTHS[m1 - 1]} ${d1}–${m1 === m2 ? "" : `${MONTHS[m2 - 1]} `}${d2}, ${y1}`;
}

/** An era name in pinyin, its syllables joined in pairs: Qingli, Taiping xingguo, Da'an. */
function eraPinyin(era: string): string {
  const syllables = (romanised.eras as Record<string, string[]>)[era];
  if (!syllables) return era;
  const words: string[] = [];
  for (let i = 0; i < syllables.length; i += 2) {
    const pair = syllables.slice(i, i + 2);
    words.push(pair.map((s, k) => (k > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join(""));
  }
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function dayPinyin(day: string): string {
  const stem = STEM_CHARS.indexOf(day.charAt(0));
  const branch = BRANCH_CHARS.indexOf(day.charAt(1));
  return stem >= 0 && branch >= 0 ? `${STEMS[stem]}${BRANCHES[branch]}` : day;
}

/**
 * The era of the entry's year as the calendar writes it (長編's 慶歴 is 慶曆): the era of the
 * concurrent date with the same year number that shares a character with the heading's.
 */
function standardEra(entry: Pick<EntrySummary, "date" | "year">): string | null {
  const { era, number } = entry.year;
  if (!era) return null;
  const match = (dateFields(entry).concurrent ?? []).find(
    (c) => c.year === number && c.era.length === era.length && [...c.era].some((ch) => era.includes(ch)),
  );
  return match?.era ?? era;
}

/** The citation of an entry in Chinese and in English, with its permalink. */
export interface Citation {
  chinese: string;
  english: string;
  permalink: string;
}

/**
 * The citation of an entry, as a footnote gives it.
 *
 * @example
 * citation(entry, document, "http://127.0.0.1:8080/").chinese
 * //=> "李燾《續資治通鑑長編》卷一百五十，慶曆四年六月戊午條（1044年7月20日）。Biannian, http://127.0.0.1:8080/#/cite/…"
 */
export function citation(
  entry: Pick<EntrySummary, "date" | "year" | "localId">,
  document: CitedDocument,
  base = `${location.origin}/`,
): Citation {
  const link = permalink(document, entry.localId, base);
  const works = romanised.works as Record<string, string>;
  const authors = romanised.authors as Record<string, string>;
  const number = entry.year.number;
  const era = standardEra(entry);
  const written = `${era && number ? eraYear(era, number) : (entry.year.label ?? "")}${monthDay(entry)}`;
  const julian = dateFields(entry).julian;
  const work = document.work ? `《${document.work}》` : document.name;
  const chinese = `${document.author ?? ""}${work}${document.juanLabel ?? ""}，${written}條${
    julian ? `（${julianChinese(julian)}）` : ""
  }。Biannian, ${link}`;

  const date = entry.date as { month?: number | null; leap?: boolean; day?: number | string | null };
  const eraEn = era && number ? `${eraPinyin(era)} ${number}` : (entry.year.label ?? "");
  const dayEn = typeof date.day === "string" ? dayPinyin(date.day) : date.day ? String(date.day) : null;
  const monthEn = date.month ? `${date.leap ? "intercalary " : ""}${date.month}` : null;
  const dateEn = [eraEn, monthEn, monthEn ? dayEn : null].filter(Boolean).join("/");
  const author = document.author ? `${authors[document.author] ?? document.author} ${document.author}, ` : "";
  const title = document.work ? `${works[document.work] ?? document.work} ${document.work}` : document.name;
  const juan = document.juan !== null ? `, juan ${document.juan}` : "";
  const english = `${author}${title}${juan}, ${dateEn}${
    julian ? ` (${julianEnglish(julian)}, Julian calendar)` : ""
  }, Biannian, ${link}.`;
  return { chinese, english, permalink: link };
}

/** Copies text to the clipboard (the selection's copy command where the clipboard API is missing). */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h("textarea", { class: "visually-hidden" }, text);
    document.body.append(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done;
  }
}

function copyRow(label: string, text: string, lang: string, kind: string): HTMLElement {
  const status = h("span", { class: "meta cite-status", attrs: { "aria-live": "polite" } });
  return h(
    "div",
    { class: "cite-row" },
    h("p", { class: "cite-text", lang, attrs: { "data-cite": kind } }, text),
    h(
      "button",
      {
        type: "button",
        attrs: { "data-copy": kind },
        on: {
          click: () => {
            void copy(text).then((ok) => {
              status.textContent = ok ? " copied" : " select the text to copy it";
              if (ok) announce(`${label} copied`);
            });
          },
        },
      },
      `Copy ${label}`,
    ),
    status,
  );
}

/** The "Cite this entry" panel: the citation in Chinese and English, and the permalink. */
export function citePanel(
  entry: Pick<EntrySummary, "date" | "year" | "localId">,
  document: CitedDocument,
): HTMLElement {
  const cite = citation(entry, document);
  return h(
    "details",
    { class: "cite" },
    h("summary", null, "Cite this entry"),
    copyRow("Chinese citation", cite.chinese, "zh-Hant", "chinese"),
    copyRow("English citation", cite.english, "en", "english"),
    h(
      "p",
      null,
      "Permalink (kept when the chronicles are ingested again): ",
      h(
        "a",
        { href: href(permalinkPath(document, entry.localId)), attrs: { "data-permalink": "" } },
        cite.permalink,
      ),
    ),
  );
}
