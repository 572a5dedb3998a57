/**
 * The name dictionary: every name and alias of every person, place, polity and office of an
 * authority, and every office built on a place (`知{place}` → 知慶州), compiled once into an
 * Aho–Corasick automaton and cached on the authority.
 */
import { readFileSync } from "node:fs";
import { foldChar } from "../search/fold.ts";
import { AhoCorasick } from "./aho-corasick.ts";
import type { AliasType, Authority, AuthorityRecord } from "./authority/index.ts";
import { surnameOf } from "./internal/surnames.ts";
import type { EntityKind } from "./types.ts";

/** One thing a string can name. */
export interface NameSense {
  /** The string as the dictionary holds it (a mention written the same way shares it). */
  name: string;
  id: string;
  kind: EntityKind;
  /** `name` (the record's name), an alias type, `pattern` (an office on a place) or `derived-short`. */
  form: "name" | AliasType | "pattern" | "derived-short";
  /** The alias is flagged `ambiguous` in the data: accepted only by a context rule. */
  ambiguous: boolean;
  /** Length in code points. */
  chars: number;
  /** For `pattern` offices: the place the template names. */
  place?: string;
  /** Where the form comes from, when not the record itself (a variant reading's source). */
  source?: string;
}

/** The compiled dictionary. */
export interface NameDictionary {
  automaton: AhoCorasick<NameSense>;
  /** Every sense of every string. */
  senses: ReadonlyMap<string, readonly NameSense[]>;
  /** Records by id (persons, places, polities and offices). */
  records: ReadonlyMap<string, AuthorityRecord>;
  /** The polity a state string (`宋`, `遼`, `夏`) stands for. */
  polityOfState: ReadonlyMap<string, string>;
}

const ENTITY_KINDS = new Set<string>(["person", "place", "polity", "office"]);

/**
 * Suffixes that make a word for a polity's people, army, envoys or land (`夏人`, `夏眾`, `夏界`):
 * an alias made of a name and one of these is annotated on the name alone.
 */
const PEOPLE_SUFFIXES = new Set(["人", "眾", "兵", "師", "使", "營", "界", "軍"]);

const codePoints = (s: string) => [...s].length;

let foldTable: Int32Array | undefined;

/** The types of places whose names end in their type and are written without it (`古渭寨`, `古渭`). */
const FORT_TYPES = new Set(["寨", "堡", "城", "鎮"]);

/** The variant characters of names (data/variants/name-variants.tsv): written → standard, BMP only. */
let nameVariants: Map<number, number> | undefined;

/**
 * Reads data/variants/name-variants.tsv (made by scripts/build-name-variants.ts from the CJKVI
 * tables): the variants the 四庫 texts write in names, each with the one standard character it
 * stands for (逺 → 遠, 寜 → 寧, 鳯 → 鳳).
 */
function loadNameVariants(): Map<number, number> {
  const map = new Map<number, number>();
  const text = readFileSync(new URL("../../data/variants/name-variants.tsv", import.meta.url), "utf8");
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const [written, standard] = line.split("\t");
    if (written?.length === 1 && standard?.length === 1)
      map.set(written.charCodeAt(0), standard.charCodeAt(0));
  }
  return map;
}

/**
 * Folds one UTF-16 code unit for matching names: a variant of a name's character to that character
 * (data/variants/name-variants.tsv), then simplified and variant forms to one form (see
 * src/search/fold.ts). Surrogates and characters whose folded form is not one BMP unit stay.
 */
export function foldUnit(code: number): number {
  foldTable ??= new Int32Array(0x10000).fill(-1);
  let folded = foldTable[code]!;
  if (folded === -1) {
    folded = code;
    if (code >= 0x80 && (code < 0xd800 || code > 0xdfff)) {
      nameVariants ??= loadNameVariants();
      const f = foldChar(String.fromCharCode(nameVariants.get(code) ?? code));
      if (f.length === 1) folded = f.charCodeAt(0);
    }
    foldTable[code] = folded;
  }
  return folded;
}

function addSense(map: Map<string, NameSense[]>, name: string, sense: NameSense): void {
  const list = map.get(name);
  if (!list) map.set(name, [sense]);
  else if (!list.some((s) => s.id === sense.id && s.form === sense.form && s.place === sense.place))
    list.push(sense);
}

/**
 * The derived given name of a Han-style person name: `楊守素` → `守素`, `耶律宗睦` → `宗睦`; `null`
 * for one-character given names and names without a known surname.
 */
export function derivedGivenName(name: string): string | null {
  const surname = surnameOf(name);
  if (surname === null) return null;
  const given = name.slice(surname.length);
  return codePoints(given) === 2 ? given : null;
}

/**
 * Compiles (once per authority) the automaton of every name and alias.
 *
 * @param authority the authority
 * @param options `fold` (default `true`): match simplified and variant characters too
 * @example
 * const dict = compileDictionary(loadAuthority());
 * dict.senses.get("曩霄")?.[0] //=> { id: "person:yuanhao", kind: "person", form: "renamed", … }
 */
export function compileDictionary(authority: Authority, options: { fold?: boolean } = {}): NameDictionary {
  const fold = options.fold ?? true;
  const key = `dictionary:${fold}`;
  const cached = authority.cache.get(key) as NameDictionary | undefined;
  if (cached) return cached;

  const senses = new Map<string, NameSense[]>();
  const records = new Map<string, AuthorityRecord>();
  for (const record of authority.records) {
    if (!ENTITY_KINDS.has(record.kind)) continue;
    records.set(record.id, record);
    const kind = record.kind as EntityKind;
    const names = new Set([record.name, ...record.aliases.filter((a) => !a.ambiguous).map((a) => a.name)]);
    addSense(senses, record.name, {
      name: record.name,
      id: record.id,
      kind,
      form: "name",
      ambiguous: false,
      chars: codePoints(record.name),
    });
    for (const alias of record.aliases) {
      const head = alias.name.slice(0, -1);
      if (
        kind === "polity" &&
        PEOPLE_SUFFIXES.has(alias.name.slice(-1)) &&
        names.has(head) &&
        head !== alias.name
      )
        continue;
      addSense(senses, alias.name, {
        name: alias.name,
        id: record.id,
        kind,
        form: alias.type,
        ambiguous: alias.ambiguous === true,
        chars: codePoints(alias.name),
        ...(alias.source === undefined ? {} : { source: alias.source }),
      });
    }
  }
  // Given names alone, derived from Han-style names, where no record already uses the string;
  // every person of a given name has it (`安石`: 陳安石, 費安石, 王安石), and the short-form rules
  // take the one the entry names in full.
  const recorded = new Set(senses.keys());
  for (const record of authority.records) {
    if (record.kind !== "person") continue;
    const given = derivedGivenName(record.name);
    if (given === null || recorded.has(given)) continue;
    addSense(senses, given, {
      name: given,
      id: record.id,
      kind: "person",
      form: "derived-short",
      ambiguous: false,
      chars: 2,
    });
  }
  // Forts and towns by their names without 寨, 堡, 城 or 鎮 (`古渭` of 古渭寨), where no record uses
  // the string: a short form, taken only after the full name in the entry (the short-form rule).
  for (const record of authority.records) {
    if (record.kind !== "place" || !FORT_TYPES.has(record.type) || !record.name.endsWith(record.type))
      continue;
    const bare = record.name.slice(0, -1);
    if (codePoints(bare) < 2 || recorded.has(bare)) continue;
    addSense(senses, bare, {
      name: bare,
      id: record.id,
      kind: "place",
      form: "derived-short",
      ambiguous: false,
      chars: codePoints(bare),
    });
  }
  // Offices built on a place: every name and unambiguous alias of a place of a listed type.
  const places = authority.ofKind("place");
  for (const office of authority.ofKind("office")) {
    for (const pattern of office.patterns) {
      const types = new Set(pattern.place_types);
      for (const place of places) {
        if (!types.has(place.type)) continue;
        const placeNames = [
          place.name,
          ...place.aliases.filter((a) => !a.ambiguous && a.type !== "short").map((a) => a.name),
        ];
        for (const placeName of placeNames) {
          const text = pattern.template.replace("{place}", placeName);
          if (senses.get(text)?.some((s) => s.kind === "office")) continue;
          addSense(senses, text, {
            name: text,
            id: office.id,
            kind: "office",
            form: "pattern",
            ambiguous: false,
            chars: codePoints(text),
            place: place.id,
          });
        }
      }
    }
  }
  const polityOfState = new Map<string, string>();
  for (const polity of authority.ofKind("polity")) {
    if (polity.type !== "state") continue;
    for (const name of [polity.name, ...polity.aliases.filter((a) => !a.ambiguous).map((a) => a.name)])
      if (!polityOfState.has(name)) polityOfState.set(name, polity.id);
  }
  const pairs: [string, NameSense][] = [];
  for (const [name, list] of senses) for (const sense of list) pairs.push([name, sense]);
  const automaton = new AhoCorasick(pairs, {
    reverse: true,
    rootTable: true,
    layout: true,
    ...(fold ? { normalize: foldUnit } : {}),
  });
  const dictionary: NameDictionary = { automaton, senses, records, polityOfState };
  authority.cache.set(key, dictionary);
  return dictionary;
}
