/**
 * Persons called by their surname and a title once the entry has named them in full: `范公` after
 * 范仲淹, `韓相公` after 韓琦, `富樞密` after 富弼, `王丞相` after 王安石 (rule `surname-title`). The
 * reference is read only where exactly one person of that surname is named in full before it in
 * the entry, and never for a surname alone. The surname must stand free (no name, office or place
 * of the entry covers it: `御史中丞` is no 史中丞), and the title must not open a word of the prose
 * (`王公大臣`, `王公主`, `君子`, `君臣`, `樞密院`).
 */
import { charAt, charBefore } from "./internal/reading-chars.ts";
import type { Segment } from "./internal/segments.ts";
import { surnameOf } from "./internal/surnames.ts";
import type { EntityMention } from "./types.ts";

/**
 * The titles written after a surname for a person named before, and the characters after each
 * that make it a word of the prose rather than a title (`樞密院`, `參政事`).
 */
export const SURNAME_TITLES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["相公", new Set<string>()],
  ["丞相", new Set<string>()],
  ["樞密", new Set([..."院"])],
  ["樞宻", new Set([..."院"])],
  ["參政", new Set([..."事"])],
]);

/**
 * 公 alone, far more often the first character of a given name (`劉公弼`, `髙公繪`, `王公儀`) or of a
 * word (`主管公使庫`) than a title, is one only before a verb or a particle that a subject or an
 * object takes (`盧公怒`, `曹公所致`, `曹公在此`, `李公方秉政`, `程公厚`, `富公服除`, `以待富公邪`,
 * `富公名聞四裔`), not before the name of a thing called after the man (`陳公堤`).
 */
const GONG = "公";
const GONG_FOLLOWERS = new Set([..."曰言所在之也方宜怒待厚服名邪耶乎矣亦乃既嘗必"]);
/**
 * `王公` is the prose's word for kings and dukes (`自王公以下`, `過於王公`, `王公設險守國`), `周公`
 * the Duke of Zhou of the classics (`雖以周公之聖`).
 */
const GONG_WORDS = new Set(["王", "周"]);
/** Words that end in a surname: `親王`, `諸王` (`宰臣親王樞宻使`). */
const WORDS_ENDING = new Set(["親王", "諸王"]);

/** Surnames that the prose also writes as a verb before an office (`布任樞密`, 任布 held the 樞密院): not before a title of office. */
const VERB_SURNAMES = new Set(["任"]);

/** The persons named in full before a point of an entry: by surname, the person, or `null` for two. */
export type SurnameOwners = Map<string, Owner | null>;

interface Owner {
  ref: string;
  provisional: boolean;
}

const PROVISIONAL = /^person:provisional:/;

/** The surname of a person's full name as the mention names him, or `null`. */
function fullNameSurname(p: EntityMention, records: ReadonlyMap<string, { name: string }>): string | null {
  if (p.kind !== "person" || p.form !== "name" || p.end - p.start < 2) return null;
  const name = records.get(p.ref)?.name ?? p.ref.replace(PROVISIONAL, "");
  if (name.length < 2) return null;
  const surname = surnameOf(name);
  return surname !== null && name.length > surname.length ? surname : null;
}

function own(owners: SurnameOwners, surname: string, owner: Owner): void {
  const o = owners.get(surname);
  if (o === undefined) owners.set(surname, owner);
  else if (o !== null && o.ref !== owner.ref) owners.set(surname, null);
}

/**
 * The surname-and-title references of a paragraph (see the rule above).
 *
 * @param seg the paragraph's names, in text order (without those the revision dropped)
 * @param owners the persons named in full in the entry's paragraphs before; the paragraph's own
 *   full names are added to it
 */
export function surnameTitles(
  segment: Segment,
  seg: readonly EntityMention[],
  records: ReadonlyMap<string, { name: string }>,
  owners: SurnameOwners,
): EntityMention[] {
  const { text, start: base } = segment;
  const here: (Owner & { surname: string; end: number })[] = [];
  for (const p of seg) {
    const surname = fullNameSurname(p, records);
    if (surname !== null) here.push({ surname, ref: p.ref, provisional: p.provisional === true, end: p.end });
  }
  const out: EntityMention[] = [];
  const surnames = new Set([...owners.keys(), ...here.map((h) => h.surname)]);
  for (const surname of surnames) {
    for (let at = text.indexOf(surname); at !== -1; at = text.indexOf(surname, at + 1)) {
      const offset = base + at;
      const after = at + surname.length;
      let title: string | null = null;
      for (const [t, words] of SURNAME_TITLES)
        if (text.startsWith(t, after) && !words.has(charAt(text, after + t.length))) {
          title = t;
          break;
        }
      if (
        title === null &&
        text[after] === GONG &&
        GONG_FOLLOWERS.has(charAt(text, after + 1)) &&
        !GONG_WORDS.has(surname)
      )
        title = GONG;
      if (title === null || (title !== GONG && VERB_SURNAMES.has(surname))) continue;
      if (WORDS_ENDING.has(charBefore(text, at) + surname)) continue;
      // The one person of the surname named in full before it.
      let owner = owners.get(surname);
      for (const h of here) {
        if (h.surname !== surname || h.end > offset) continue;
        if (owner === undefined) owner = h;
        else if (owner !== null && owner.ref !== h.ref) owner = null;
      }
      if (owner === undefined || owner === null) continue;
      const end = offset + surname.length + title.length;
      if (seg.some((m) => m.start < end && offset < m.end && m.kind !== "office")) continue;
      if (segment.excluded.some((x) => x.start <= at && at < x.end)) continue;
      if (seg.some((m) => m.kind === "office" && m.start <= offset && offset < m.end)) continue;
      out.push({
        kind: "person",
        start: offset,
        end,
        text: text.slice(at, at + surname.length + title.length),
        field: segment.field,
        rule: "surname-title",
        ref: owner.ref,
        form: "short",
        ...(owner.provisional ? { provisional: true as const } : {}),
      });
    }
  }
  for (const h of here) own(owners, h.surname, { ref: h.ref, provisional: h.provisional });
  return out.length > 1 ? out.sort((a, b) => a.start - b.start) : out;
}
