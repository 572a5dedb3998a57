/**
 * The annotation stage: every entry of a parsed (and dated) chronicle gets its mentions — persons,
 * places, polities, offices and quantities, stand-off over the original characters — and its
 * events, under `entry.data`. What the document itself adds (persons found only by rules,
 * variant readings as aliases) goes under `root.data.annotation`.
 */
import { entryVariants } from "../parse/records.ts";
import type { ChronicleTree, Entry, Year } from "../parse/types.ts";
import { AhoCorasick } from "./aho-corasick.ts";
import type { Authority } from "./authority/index.ts";
import {
  compileDictionary,
  derivedGivenName,
  foldUnit,
  type NameDictionary,
  type NameSense,
} from "./dictionary.ts";
import type { NameScanner } from "./entry-context.ts";
import { eventsOfEntry } from "./events/index.ts";
import {
  type EarlierGivenNames,
  earlierGivenNames,
  oneCharacterGivenName,
  RECENT_ENTRIES,
} from "./given-names.ts";
import { entrySegments, type Segment } from "./internal/segments.ts";
import { PROVISIONAL_PREFIX } from "./person-ids.ts";
import { type FoundName, findNewPersons } from "./person-rules.ts";
import { findQuantities } from "./quantities.ts";
import { CandidatePool, findCandidates, recognizeEntry } from "./recognize.ts";
import { grownNear, reviseMentions } from "./revise.ts";
import type { Candidate } from "./short-forms.ts";
import type { DocumentAlias, Mention, ProvisionalPerson, QuantityMention } from "./types.ts";

/** Options of `annotateEntries`. */
export interface AnnotateOptions {
  /**
   * The document text the tree was parsed from. Each part is then read from its range; without it
   * the parts' values are used, which equal their ranges in plain-text chronicles.
   */
  text?: string;
  /** Annotate the editor's notes of the closing citations (default `true`). */
  notes?: boolean;
  /** Annotate inside inline parentheses: variant notes and glosses (default `false`). */
  inlineNotes?: boolean;
  /** Match simplified and variant characters as their traditional forms (default `true`). */
  fold?: boolean;
}

/**
 * Merges two lists of mentions, each in text order, into one in text order (longest first at a
 * start), in a new array of exactly their number (it is kept with the entry).
 */
function mergeByStart(a: readonly Mention[], b: readonly Mention[]): Mention[] {
  const out: Mention[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++) {
    const x = a[i];
    const y = b[j];
    if (
      y === undefined ||
      (x !== undefined && (x.start < y.start || (x.start === y.start && x.end >= y.end)))
    ) {
      out[k] = x!;
      i++;
    } else {
      out[k] = y;
      j++;
    }
  }
  return out;
}

/** The candidates of each segment of an entry, from the dictionary and the document's names. */
function entryCandidates(
  segments: readonly Segment[],
  dictionary: NameDictionary,
  documentNames: NameScanner<NameSense> | null,
  pool: CandidatePool,
): Candidate[][] {
  const out: Candidate[][] = new Array(segments.length);
  for (let index = 0; index < segments.length; index++)
    out[index] = findCandidates(segments[index]!, index, { dictionary, documentNames, pool });
  return out;
}

/**
 * What the person rules take for a name in unpunctuated text and is none: a name that ends in a
 * verb of answering or asking (`何人對曰`, `劉几問之`), a count of troops (`遣數千騎至`: a quantity,
 * not a person), and two characters whose second is a word the prose writes alone (`方欲奏請`,
 * `錢物`).
 */
const NOT_A_NAME = /[對問答荅]$|^(?:[數幾一二三四五六七八九十百千兩]|萬(?!俟))|[騎兵卒]$|^.[事人物得欲天]$/;

/**
 * 何 opens a question (`如何人`, `何以`, `何故`) as often as the surname: a name of 何 is taken only
 * listed with a known person before a verb they share (`本朝何亮劉平各言`) or right after an office
 * (`遣西京左藏庫副使何次公詰之`), and with a character after 何 that makes it no question word (not
 * `何以`, `何故`, `何須`, `何異`).
 */
const NAME_OF_HE = /^何[^以故嘗必如謂獨乃則所為不人事物用足可敢由患其者須害耳意妨便縁傷却辭驚理妄耶衆異]/;
/** The rules that may find a name of 何: a list with a known person, and a name after an office. */
const HE_RULES = new Set(["listed-with", "office-name", "prefect-name"]);

/** True when what a person rule found may be a name (see `NOT_A_NAME` and `NAME_OF_HE`). */
function mayBeName(found: FoundName): boolean {
  if (NOT_A_NAME.test(found.name)) return false;
  return !found.name.startsWith("何") || (HE_RULES.has(found.rule) && NAME_OF_HE.test(found.name));
}

/** True when the dictionary knows the string as a person's name or part of it (`安石` of 王安石). */
function knownPerson(dictionary: NameDictionary, name: string, year: number | null): boolean {
  return (
    dictionary.senses.get(name)?.some((s) => {
      if (s.kind !== "person") return false;
      // A person grown from 長編 far from the entry's years is another man of the name (`張美等自澶州`
      // in 999, thirty years after the 張美 of the 960s): the rules' name stands.
      const record = dictionary.records.get(s.id);
      return (
        year === null ||
        record?.kind !== "person" ||
        record.found === undefined ||
        grownNear(record.name, record.found.years, year)
      );
    }) === true
  );
}

function entryYear(entry: Entry, year: Year): number | null {
  const start = entry.data?.date?.julian.start ?? year.heading?.data?.date?.julian.start;
  if (start !== undefined) {
    const value = Number.parseInt(start.slice(0, start.indexOf("-", 1)), 10);
    if (Number.isInteger(value)) return value;
  }
  return year.heading?.ce ?? null;
}

/** Variant readings whose main reading names one known entity become that entity's aliases. */
function variantAliases(entries: readonly Entry[], dictionary: NameDictionary): DocumentAlias[] {
  const out: DocumentAlias[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    for (const v of entryVariants(entry)) {
      const senses = (dictionary.senses.get(v.name) ?? []).filter((s) => !s.ambiguous && s.kind !== "office");
      const ids = new Set(senses.map((s) => s.id));
      if (ids.size !== 1 || v.variant === v.name) continue;
      const ref = [...ids][0]!;
      if (dictionary.senses.get(v.variant)?.some((s) => s.id === ref)) continue;
      const key = `${ref}|${v.variant}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ref, name: v.variant, type: "variant", source: v.source });
    }
  }
  return out;
}

/**
 * The names a document adds to the dictionary: persons found only by rules (with their given
 * names alone) and the variant readings of known names. They are found with two automata: one
 * over the names up to some point, built again only when the names after it (in the other,
 * built again whenever a name was added) outnumber its square root — so that a document that adds
 * thousands of names (a whole chronicle in one file) does not build one automaton over all of
 * them for every name it adds.
 */
class DocumentLexicon {
  readonly provisional: ProvisionalPerson[] = [];
  private readonly provisionalIds = new Set<string>();
  /** Bumped whenever a name is added. */
  version = 0;
  /** The scanner over both automata, or null while there are no names. */
  private scanner: NameScanner<NameSense> | null = null;
  /** The version `scanner` holds, or -1 before it is first built. */
  private builtVersion = -1;
  /** The automaton of `senses[0…settled)`, and the number of senses it holds. */
  private settledAutomaton: AhoCorasick<NameSense> | null = null;
  private settled = 0;
  private readonly senses: [string, NameSense][] = [];
  private readonly added: { version: number; names: string[] }[] = [];

  constructor(
    private readonly dictionary: NameDictionary,
    aliases: readonly DocumentAlias[],
    private readonly fold: boolean,
  ) {
    for (const a of aliases) {
      const kind = dictionary.records.get(a.ref)?.kind;
      if (kind === "person" || kind === "place" || kind === "polity")
        this.senses.push([
          a.name,
          {
            name: a.name,
            id: a.ref,
            kind,
            form: a.type,
            ambiguous: false,
            chars: [...a.name].length,
            source: a.source,
          },
        ]);
    }
  }

  private build(senses: readonly (readonly [string, NameSense])[]): AhoCorasick<NameSense> | null {
    if (senses.length === 0) return null;
    return new AhoCorasick(
      senses,
      this.fold ? { normalize: foldUnit, reverse: true, layout: true } : { reverse: true, layout: true },
    );
  }

  /** What finds the document's names, or `null` while it has none. */
  get automaton(): NameScanner<NameSense> | null {
    if (this.builtVersion !== this.version) {
      this.builtVersion = this.version;
      const { senses } = this;
      if (senses.length - this.settled > Math.max(32, Math.sqrt(this.settled))) {
        this.settledAutomaton = this.build(senses);
        this.settled = senses.length;
      }
      const recent = this.build(senses.slice(this.settled));
      const settled = this.settledAutomaton;
      this.scanner = settled && recent ? new BothScanners(settled, recent) : (settled ?? recent);
    }
    return this.scanner;
  }

  /** Adds a person found by a rule; false when the name is known already. */
  addPerson(name: string, rule: string): boolean {
    const id = `${PROVISIONAL_PREFIX}${name}`;
    if (this.provisionalIds.has(id)) return false;
    this.provisionalIds.add(id);
    this.provisional.push({ id, kind: "person", name, provisional: true, rule });
    this.senses.push([
      name,
      { name, id, kind: "person", form: "name", ambiguous: false, chars: [...name].length },
    ]);
    const names = [name];
    const given = derivedGivenName(name);
    // A given name the dictionary derives for other persons only (`安石` of 陳安石) is this one's too.
    if (
      given !== null &&
      (this.dictionary.senses.get(given)?.every((s) => s.form === "derived-short") ?? true)
    ) {
      this.senses.push([
        given,
        { name: given, id, kind: "person", form: "derived-short", ambiguous: false, chars: 2 },
      ]);
      names.push(given);
    }
    this.version++;
    this.added.push({ version: this.version, names });
    return true;
  }

  /**
   * What tells whether a text holds (as written) a name added after a given version: one
   * automaton over the names added so far; those added later are looked for one by one.
   */
  laterNames(): { holdsAfter(text: string, after: number): boolean } {
    const upTo = this.version;
    const automaton =
      this.added.length === 0
        ? null
        : new AhoCorasick(this.added.flatMap((a) => a.names.map((n) => [n, a.version] as const)));
    return {
      holdsAfter: (text, after) => {
        let found = false;
        if (automaton && after < upTo)
          automaton.scan(text, 0, text.length, (_start, _end, versions) => {
            if (!found) found = versions.some((v) => v > after);
          });
        if (found) return true;
        for (const a of this.added)
          if (a.version > Math.max(after, upTo) && a.names.some((n) => text.includes(n))) return true;
        return false;
      },
    };
  }
}

/** Two scanners read as one: every match of the first, then every match of the second. */
class BothScanners implements NameScanner<NameSense> {
  constructor(
    private readonly first: NameScanner<NameSense>,
    private readonly second: NameScanner<NameSense>,
  ) {}

  scanBackward(
    text: string,
    from: number,
    to: number,
    onMatch: (start: number, end: number, values: readonly NameSense[]) => void,
  ): void {
    this.first.scanBackward(text, from, to, onMatch);
    this.second.scanBackward(text, from, to, onMatch);
  }
}

/** Aliases that spell a person's name otherwise, whose given names stand for him too. */
const SPELLINGS = new Set<string>(["transliteration", "variant"]);

/**
 * Annotates every entry of `tree` in place and returns the tree: `entry.data.mentions` (names,
 * offices and quantities of the headline, details and editor's notes, in text order) and
 * `entry.data.events`; `tree.data.annotation` lists the provisional persons and the aliases the
 * document's variant readings give.
 *
 * @param tree a tree from `parse` (dated by `dateEntries` for the rules that need a year)
 * @param authority the authority records (`loadAuthority()`)
 * @param options see `AnnotateOptions`
 * @example
 * const tree = annotateEntries(dateEntries(parse(text)), loadAuthority(), { text });
 * tree.children[0].children[0].data.mentions[0]
 * //=> { kind: "polity", start: 14, end: 16, text: "契丹", field: "headline", rule: "name", ref: "polity:liao", form: "name" }
 */
export function annotateEntries(
  tree: ChronicleTree,
  authority: Authority,
  options: AnnotateOptions = {},
): ChronicleTree {
  const dictionary = compileDictionary(authority, { fold: options.fold ?? true });
  const segmentOptions = { notes: options.notes ?? true, inlineNotes: options.inlineNotes ?? false };
  const items: { entry: Entry; year: Year; version: number; named: string[] }[] = [];
  const state = tree.meta.document.state;
  for (const year of tree.children)
    for (const entry of year.children) items.push({ entry, year, version: 0, named: [] });
  const aliases = variantAliases(
    items.map((i) => i.entry),
    dictionary,
  );
  const lexicon = new DocumentLexicon(dictionary, aliases, options.fold !== false);
  const nameOf = (id: string) =>
    dictionary.records.get(id)?.name ??
    (id.startsWith(PROVISIONAL_PREFIX) ? id.slice(PROVISIONAL_PREFIX.length) : undefined);

  // The candidates of one entry at a time: taken from one pool, freed when the next entry starts.
  const pool = new CandidatePool();

  const personName = (id: string) =>
    id.startsWith(PROVISIONAL_PREFIX) || dictionary.records.get(id)?.kind === "person"
      ? nameOf(id)
      : undefined;
  const isProvisional = (id: string) => {
    const record = dictionary.records.get(id);
    return id.startsWith(PROVISIONAL_PREFIX) || (record?.kind === "person" && record.provisional === true);
  };
  /**
   * A person's one-character given names, by id (each worked out once): of his name and of the
   * spellings of it his record lists (`格` of 蕭格, the 四庫 spelling of 蕭革).
   */
  const givens = new Map<string, readonly string[]>();
  const givenOf = (id: string): readonly string[] => {
    let g = givens.get(id);
    if (g === undefined) {
      const name = personName(id);
      const record = dictionary.records.get(id);
      const spellings =
        record?.kind === "person"
          ? record.aliases.filter((a) => SPELLINGS.has(a.type)).map((a) => a.name)
          : [];
      const found = new Set<string>();
      for (const n of name === undefined ? [] : [name, ...spellings]) {
        const one = oneCharacterGivenName(n);
        if (one !== null) found.add(one);
      }
      g = [...found];
      givens.set(id, g);
    }
    return g;
  };
  /** The given names of the persons named in full in the entries before the `index`th. */
  const earlierGiven = (index: number): EarlierGivenNames =>
    earlierGivenNames(
      items.slice(Math.max(0, index - RECENT_ENTRIES), index).map((i) => i.named),
      givenOf,
      isProvisional,
    );

  const annotate = (
    item: (typeof items)[number],
    namedBefore: ReadonlySet<string>,
    earlier: EarlierGivenNames,
  ) => {
    const { entry, year } = item;
    pool.release();
    const segments = entrySegments(entry, options.text, segmentOptions);
    let candidates = entryCandidates(segments, dictionary, lexicon.automaton, pool);
    // Persons the authority does not know, found by the person rules; once found, a name is
    // recognised everywhere in the document (earlier entries are revisited at the end).
    let added = false;
    const entryYearCE = entryYear(entry, year);
    for (let index = 0; index < segments.length; index++)
      for (const found of findNewPersons({ segment: segments[index]!, candidates: candidates[index]! }))
        if (mayBeName(found) && !knownPerson(dictionary, found.name, entryYearCE))
          added = lexicon.addPerson(found.name, found.rule) || added;
    if (added) candidates = entryCandidates(segments, dictionary, lexicon.automaton, pool);
    item.version = lexicon.version;
    const recognized = recognizeEntry(
      segments,
      { dictionary, documentNames: null, year: entryYearCE, state, namedBefore, nameOf },
      candidates,
    );
    const { named } = recognized;
    const names = reviseMentions(segments, recognized.mentions, {
      dictionary,
      year: entryYearCE,
      earlierGiven: earlier,
    });
    item.named = named;
    const quantities: QuantityMention[] = [];
    for (const segment of segments) {
      for (const q of findQuantities(segment.text, authority)) {
        if (segment.excluded.some((x) => x.start < q.end && q.start < x.end)) continue;
        quantities.push({
          kind: "quantity",
          start: segment.start + q.start,
          end: segment.start + q.end,
          text: q.raw,
          field: segment.field,
          rule: `quantity-${q.rule}`,
          ref: q.commodity ?? q.unit,
          raw: q.raw,
          numeral: q.numeral,
          amount: q.amount,
          approximate: q.approximate,
          commodity: q.commodity,
          commodities: q.commodities,
          unit: q.unit,
          noun: q.noun,
        });
      }
    }
    const mentions = mergeByStart(names, quantities);
    const chronicleState = year.heading?.state
      ? (dictionary.polityOfState.get(year.heading.state) ?? null)
      : null;
    const events = eventsOfEntry(entry, segments, mentions, { dictionary, chronicleState });
    // Each entry's data is its own object (the dating stage makes one per entry): added to in place.
    if (entry.data === undefined) entry.data = { mentions, events };
    else {
      entry.data.mentions = mentions;
      entry.data.events = events;
    }
  };

  const namedBefore = new Set<string>();
  for (const [index, item] of items.entries()) {
    annotate(item, namedBefore, earlierGiven(index));
    for (const id of item.named) namedBefore.add(id);
  }
  // Entries read before a person was found by a rule, and that name the person, are read again.
  if (lexicon.version > 0) {
    const again = new Set<string>();
    const later = lexicon.laterNames();
    for (const [index, item] of items.entries()) {
      if (
        item.version < lexicon.version &&
        entrySegments(item.entry, options.text, segmentOptions).some((s) =>
          later.holdsAfter(s.text, item.version),
        )
      )
        annotate(item, again, earlierGiven(index));
      for (const id of item.named) again.add(id);
    }
  }
  const provisional = lexicon.provisional;
  tree.data = { ...tree.data, annotation: { provisional: [...provisional.values()], aliases } };
  return tree;
}
