/**
 * The ids of the persons grown from 長編, kept from one run to the next. Readers' corrections are
 * stored by entity id, so a person grown again keeps the id of the record of the last run it
 * continues: the record of the same name (folded: `呂公著` is `吕公著`) whose years overlap the
 * person's years, or come nearest to them within the gap that parts two persons of one name. A
 * first year that moves (the rules find the name in an earlier juan) or a second person of the
 * name found later changes no id. A new person's id is `person:cb-` + the pinyin of the name, with
 * its first year where another record holds that, and the code points of the name where that too
 * is taken (two names read alike, first found in one year).
 */
import { pinyin } from "pinyin-pro";
import { GROWN_PREFIX } from "../src/annotate/person-ids.ts";

/** A grown record of the last run, as far as its id is concerned. */
export interface KeptRecord {
  id: string;
  found: { years: readonly number[] };
}

/** How many years apart two spans are (0 when they overlap). */
function distance(a: readonly number[], b: readonly [number, number]): number {
  const [a0, a1] = [a[0]!, a[a.length - 1]!];
  if (a1 < b[0]) return b[0] - a1;
  if (b[1] < a0) return a0 - b[1];
  return 0;
}

/**
 * The record of the last run that a person of these years continues, if any: of the records of
 * its name not yet taken, the one whose years overlap or come nearest, at most `gap` years away.
 *
 * @example
 * const records = [{ id: "person:cb-wang-gui", found: { years: [986, 1001] } }];
 * keptRecord(records, [980, 1001], 30, new Set())?.id //=> "person:cb-wang-gui"
 * keptRecord(records, [1060, 1070], 30, new Set()) //=> undefined
 */
export function keptRecord<R extends KeptRecord>(
  records: readonly R[] | undefined,
  years: readonly [number, number],
  gap: number,
  taken: ReadonlySet<string>,
): R | undefined {
  let best: R | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const r of records ?? []) {
    if (taken.has(r.id)) continue;
    const d = distance(r.found.years, years);
    if (d <= gap && d < bestDistance) {
      best = r;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The id of a new grown person: from the slug of its name, with its first year where another
 * record holds that id, and the code points of its name where that is taken too.
 *
 * @example
 * newId("cao-yi", "曹佾", 1054, new Set(["person:cb-cao-yi"])) //=> "person:cb-cao-yi-1054"
 */
export function newId(slug: string, name: string, first: number, used: ReadonlySet<string>): string {
  const base = `${GROWN_PREFIX}${slug}`;
  if (!used.has(base)) return base;
  if (!used.has(`${base}-${first}`)) return `${base}-${first}`;
  const codes = [...name].map((c) => c.codePointAt(0)!.toString(16)).join("-");
  return `${base}-${first}-${codes}`;
}

/** The id slug of a name: its toneless pinyin, the surname apart (`wang-deyong`). */
export function slugOf(name: string): string {
  const syllables = pinyin(name, { toneType: "none", type: "array", surname: "head" }).map((s) =>
    s
      .toLowerCase()
      .replace(/ü/g, "v")
      .replace(/[^a-z]/g, ""),
  );
  const surname = [
    "萬俟",
    "万俟",
    "歐陽",
    "司馬",
    "耶律",
    "野利",
    "嵬名",
    "沒藏",
    "拓跋",
    "令狐",
    "皇甫",
    "慕容",
    "上官",
  ].some((s) => name.startsWith(s))
    ? 2
    : 1;
  return [syllables.slice(0, surname).join(""), syllables.slice(surname).join("")]
    .filter((s) => s !== "")
    .join("-");
}
