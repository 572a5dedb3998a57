/**
 * One-character given names in context: once a chronicle has named a person in full (`范雍`,
 * `劉平`, `万俟政`), it calls him by his given name alone (`雍`, `平`, `政`). A single character is
 * a name only where the sentence says so — a verb of speaking or acting, or an adverb, after it
 * (`平曰`, `雍復召`, `戡言`, `京所議`), or a word that governs a person before it (`命韶`, `詔几`,
 * `與韶`) — never a bare character of running text, and never a character that the prose uses
 * mostly as a word (`人`, `事`, `物`, `臣`: `衆人皆`, `其事請`, `賜物有差`, `臣等聞`).
 *
 * - `given-name-context`: the person is named in full earlier in the same paragraph, within
 *   `GIVEN_REACH` of the name; the first person of a given name keeps it.
 * - `given-name-recent`: the person is named in full in a paragraph before of the entry, or in one
 *   of the entries just before (the day's account goes on in the next item: 長編 卷126 names 劉平 in
 *   e5 and writes `平亦使人趣其行` in e7), no other person of that given name is, and the context is
 *   one of the stronger ones.
 *
 * Either context may also be another person's name right before or after the character: persons
 * listed without a mark (`平元孫領騎兵先發`, `并亮平二奏`).
 */
import { isEraName } from "./internal/era-names.ts";
import { charAt, charBefore } from "./internal/reading-chars.ts";
import type { Segment } from "./internal/segments.ts";
import { SINGLE_SURNAMES, surnameOf } from "./internal/surnames.ts";
import { NARRATIVE_VERB_CHARS } from "./person-rule-words.ts";
import type { EntityMention } from "./types.ts";

/**
 * After a one-character given name: verbs and particles (`平曰`, `寳既為`, `韶言`, `京所議`, `戡數言`,
 * `戡必以`), a subject's time words (`几初權涇原副都總管`, `寳舊為管勾`, `祥嘗經制`), `各` (`平各言西事`) and the
 * verbs of a commander (`戡守延州`, `戡調兵夫`), 罷 (dismissed: `欲布罷職`), and the verbs of narrative that
 * follow a name and stand in none (`戡走`, `信閉門`, `普拒弗見`, `軾薦王鞏`, `亶劾覧`; `NARRATIVE_VERB_CHARS`).
 */
const GIVEN_FOLLOWERS = new Set([
  ..."曰言奏謂為與以遣率戒使令得等亦又乃既遂即請乞至入出還復在固雖先對聞引將欲不皆所數必初舊各守調嘗甞罷",
  // Not those that as often make a word with the character before them (`整齊禁中`, `待制修撰`,
  // `越國祖贈太師`, `并行責罰`, `以兩科均取`), nor 代, which governs the man after it (`以述代之`).
  ...[...NARRATIVE_VERB_CHARS].filter((c) => !"禁代責撰按疏反被掩寇取戍遺贈".includes(c)),
]);
/**
 * Before a one-character given name: words that govern a person (`命韶`, `與韶`, `召平`, `并亮`, `留布`,
 * `薦韶`, `劾戡`, `黜京`), and 代 (to replace: `代几者`).
 */
const GIVEN_GOVERNORS = new Set([..."命令召遣詔與賜付用罷失責賞擢貶降徙語告謂并代留薦劾黜"]);
/**
 * The stronger contexts, for a person named only in an entry before: after the name, a verb of
 * speaking or an adverb that only a subject takes (`平亦`, `雍皆`); before it, an order or an
 * appointment, but not 詔, which as often opens the name of an office or a region (`詔光禄寺`,
 * `詔京畿`); and never after a surname (`常平` is a word, `張平` another man).
 */
const RECENT_FOLLOWERS = new Set([..."曰言奏謂請乞等亦又乃既遂即復固雖先對聞皆"]);
const RECENT_GOVERNORS = new Set([..."命召遣賜付罷擢貶降徙"]);

/**
 * Characters that stand as given names but that the prose writes mostly as words — pronouns and
 * particles, the court's words (`臣`, `上`, `朝`), common nouns and verbs (`人`, `事`, `物`, `得`,
 * `欲`, `充`, `進對`, `具奏`, `曾奏`, `及還`, `復上書`, `授以`, `勔論君錫`: 論 to impeach; `旦`, the dawn and 正旦 the New Year) and the names of administrative units (`州`, `軍`): alone they are never taken for a
 * person.
 */
const WORDS = new Set([
  ..."人事物天地臣上下中大小之其也以為而於是有無可所曰言又亦乃則者不已時今年月日官兵民軍國州縣路府部道法公士子得欲充官王帝后主使令將相朝進具曾曽嘗察一二三四五六七八九十百千萬及復授論旦",
]);

/** How far after a person's full name (in code units) a one-character given name is looked for. */
const GIVEN_REACH = 800;
/** At most this many given names of earlier entries are looked for in a paragraph. */
const MAX_RECENT = 32;

/** The person a given name stands for. */
export interface GivenOwner {
  ref: string;
  provisional: boolean;
}

/** One-character given names of persons named in the entries just before; `null` when two persons share one. */
export type EarlierGivenNames = ReadonlyMap<string, GivenOwner | null>;

/**
 * The one-character given name of a Han-style name after a known surname, or `null`.
 *
 * @example
 * oneCharacterGivenName("范雍") //=> "雍"
 * oneCharacterGivenName("万俟政") //=> "政"
 * oneCharacterGivenName("范仲淹") //=> null
 * oneCharacterGivenName("吳臣") //=> null (a word of the prose)
 */
export function oneCharacterGivenName(name: string): string | null {
  const surname = surnameOf(name);
  if (surname === null) return null;
  const given = name.slice(surname.length);
  // One BMP character: a character outside it (two code units) is no given name looked for here.
  return given.length === 1 && !WORDS.has(given) ? given : null;
}

/**
 * Characters that make a word with the verb after them, and so are no name before it: `修復`,
 * `收復`, `平復` (to restore, recover); `直言`, `建言`, `明言` (to speak frankly, propose, state).
 */
const WORDS_BEFORE: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["復", new Set([..."修收恢興克光報往反回答平康規"])],
  ["言", new Set([..."直建明發忠揚危立遺流多讜放昌"])],
]);

/** 初 after the last character of an era name is the era's first years (`治平初`, `貞觀初`). */
const INITIAL = "初";

/** True when the context around `at` makes the character a person's name. */
function inContext(text: string, at: number, followers: Set<string>, governors: Set<string>): boolean {
  const before = charBefore(text, at);
  if (governors.has(before)) return true;
  const next = charAt(text, at + 1);
  if (!followers.has(next) || WORDS_BEFORE.get(next)?.has(text[at]!) === true) return false;
  return next !== INITIAL || !isEraName(before + text[at]!);
}

/** True when a name of `sorted` (in text order) covers the offset. */
function covered(sorted: readonly EntityMention[], offset: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  // The names that start at or before the offset; an office may hold a place inside it.
  for (let k = lo - 1; k >= 0 && k >= lo - 8; k--) if (sorted[k]!.end > offset) return true;
  return false;
}

const PROVISIONAL = /^person:provisional:/;
/** A Kanripo file's layout between two reading characters: a line mark and page marker lines. */
const LAYOUT = /^(?:¶\r?\n(?:<pb:[^>\n]*>¶\r?\n)*)?$/;

/** True for another person's name written short (`元孫`, `清臣`, `平`), as names in a list are. */
function isShortPerson(m: EntityMention | undefined, ref: string): m is EntityMention {
  return m?.kind === "person" && m.ref !== ref && (m.form === "short" || m.form === "derived-short");
}

/** True when another person's given name found in the paragraph stands right before or after the offset (`亮平二奏`). */
function besideGiven(found: readonly EntityMention[], offset: number, ref: string): boolean {
  for (const m of found) if (m.ref !== ref && (m.start === offset + 1 || m.end === offset)) return true;
  return false;
}

/**
 * True when another person's name written short stands right before or after the character at
 * `at`, with only the layout between: persons listed without a mark (`平元孫領騎兵先發`,
 * `安燾清臣惟務順從`); not before a full name, which a verb may govern (`不及佐王安石`).
 */
function besidePerson(
  sorted: readonly EntityMention[],
  text: string,
  base: number,
  at: number,
  ref: string,
): boolean {
  let lo = 0;
  let hi = sorted.length;
  const offset = base + at;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  const after = sorted[lo];
  if (isShortPerson(after, ref) && LAYOUT.test(text.slice(at + 1, after.start - base))) return true;
  for (let k = lo - 1; k >= 0 && k >= lo - 4; k--) {
    const m = sorted[k]!;
    if (m.end > offset || !isShortPerson(m, ref)) continue;
    if (LAYOUT.test(text.slice(m.end - base, at))) return true;
  }
  return false;
}

function mention(segment: Segment, at: number, g: string, owner: GivenOwner, rule: string): EntityMention {
  const offset = segment.start + at;
  return {
    kind: "person",
    start: offset,
    end: offset + 1,
    text: g,
    field: segment.field,
    rule,
    ref: owner.ref,
    form: "short",
    ...(owner.provisional ? { provisional: true as const } : {}),
  };
}

/**
 * The one-character given names of a paragraph (see the rules above).
 *
 * @param seg the paragraph's names, in text order
 * @param removed names dropped by the revision so far
 * @param records the authority's records (a person's full name)
 * @param earlier the given names of the entries just before
 */
export function givenNames(
  segment: Segment,
  seg: readonly EntityMention[],
  removed: ReadonlySet<EntityMention>,
  records: ReadonlyMap<string, { name: string }>,
  earlier: EarlierGivenNames | undefined,
): EntityMention[] {
  const { text, start: base } = segment;
  const out: EntityMention[] = [];
  let owner: Map<string, GivenOwner & { scanned: number }> | null = null;
  let live: readonly EntityMention[] | null = null;
  const excluded = (at: number) => segment.excluded.some((x) => x.start <= at && at < x.end);
  for (const p of seg) {
    if (p.kind !== "person" || p.end - p.start < 2 || removed.has(p)) continue;
    const g = oneCharacterGivenName(records.get(p.ref)?.name ?? p.ref.replace(PROVISIONAL, ""));
    if (g === null) continue;
    owner ??= new Map();
    let o = owner.get(g);
    if (o === undefined) {
      o = { ref: p.ref, provisional: p.provisional === true, scanned: 0 };
      owner.set(g, o);
    } else if (o.ref !== p.ref) continue;
    const from = Math.max(p.end - base, o.scanned);
    const limit = Math.min(text.length, p.end - base + GIVEN_REACH);
    // A window of the text (a slice shares the text's characters) searched natively.
    const window = from < limit ? text.slice(from, limit) : "";
    for (let w = window.indexOf(g); w !== -1; w = window.indexOf(g, w + 1)) {
      const at = from + w;
      // The context first: it rules out most characters at once.
      live ??= removed.size === 0 ? seg : seg.filter((m) => !removed.has(m));
      if (
        !inContext(text, at, GIVEN_FOLLOWERS, GIVEN_GOVERNORS) &&
        !besidePerson(live, text, base, at, o.ref) &&
        !besideGiven(out, base + at, o.ref)
      )
        continue;
      if (covered(live, base + at) || excluded(at)) continue;
      out.push(mention(segment, at, g, o, "given-name-context"));
    }
    o.scanned = Math.max(o.scanned, limit);
  }
  if (earlier === undefined || earlier.size === 0) return out;
  let looked = 0;
  for (const [g, o] of earlier) {
    if (o === null || owner?.has(g)) continue;
    if (++looked > MAX_RECENT) break;
    for (let at = text.indexOf(g); at !== -1; at = text.indexOf(g, at + 1)) {
      live ??= removed.size === 0 ? seg : seg.filter((m) => !removed.has(m));
      if (
        !inContext(text, at, RECENT_FOLLOWERS, RECENT_GOVERNORS) &&
        !besidePerson(live, text, base, at, o.ref)
      )
        continue;
      if (SINGLE_SURNAMES.has(charBefore(text, at))) continue;
      if (covered(live, base + at) || excluded(at)) continue;
      out.push(mention(segment, at, g, o, "given-name-recent"));
    }
  }
  // In text order: the paragraph's own names first found, the others after them.
  return out.length > 1 ? out.sort((a, b) => a.start - b.start) : out;
}

/** How many entries before an entry lend it their persons' given names. */
export const RECENT_ENTRIES = 3;

/**
 * The one-character given names of the persons named in full in the entries before one.
 *
 * @param named for each entry just before (at most `RECENT_ENTRIES`), the ids it names in full
 * @param givenOf a person's one-character given name by id (`null` for none, and for other records)
 * @param provisional whether a person is provisional
 */
export function earlierGivenNames(
  named: readonly (readonly string[])[],
  givenOf: (id: string) => readonly string[],
  provisional: (id: string) => boolean,
): EarlierGivenNames {
  let out: Map<string, GivenOwner | null> | null = null;
  for (const ids of named)
    for (const id of ids)
      for (const g of givenOf(id)) {
        out ??= new Map();
        const o = out.get(g);
        if (o === undefined) out.set(g, { ref: id, provisional: provisional(id) });
        else if (o !== null && o.ref !== id) out.set(g, null);
      }
  return out ?? NO_GIVEN_NAMES;
}

const NO_GIVEN_NAMES: EarlierGivenNames = new Map();

/**
 * `earlier` with the given names of the persons a paragraph names in full, which take precedence
 * (for the paragraphs after it in the entry).
 */
export function withPersonsOf(
  earlier: EarlierGivenNames | undefined,
  seg: readonly EntityMention[],
  removed: ReadonlySet<EntityMention>,
  records: ReadonlyMap<string, { name: string }>,
): EarlierGivenNames | undefined {
  let out: Map<string, GivenOwner | null> | null = null;
  const here = new Map<string, GivenOwner | null>();
  for (const p of seg) {
    if (p.kind !== "person" || p.end - p.start < 2 || removed.has(p)) continue;
    const g = oneCharacterGivenName(records.get(p.ref)?.name ?? p.ref.replace(PROVISIONAL, ""));
    if (g === null) continue;
    const o = here.get(g);
    if (o === undefined) here.set(g, { ref: p.ref, provisional: p.provisional === true });
    else if (o !== null && o.ref !== p.ref) here.set(g, null);
  }
  if (here.size === 0) return earlier;
  out = new Map(earlier ?? []);
  for (const [g, o] of here) out.set(g, o);
  return out;
}
