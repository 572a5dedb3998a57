/**
 * The signals that two accounts tell the same event, each from 0 to 1: their dates, the persons,
 * places and polities both name, their event types, and their wording.
 */
import { foundByRules } from "../annotate/person-ids.ts";
import type { EntityMention, Mention } from "../annotate/types.ts";
import { bigrams, containment, wording } from "./text.ts";
import type { CollatedEntry } from "./types.ts";

/** What collation keeps of an entry to compare it quickly. */
export interface Profile {
  entry: CollatedEntry;
  /** Pairs of characters of the headline, and of the whole account (headline and details). */
  head: Set<number>;
  all: Set<number>;
  /** The characters of the whole account (for its length). */
  length: number;
  /** Persons, places and polities named (authority ids), with the spellings each is written in. */
  names: Map<string, Set<string>>;
  events: Set<string>;
  jdn: { start: number; end: number } | null;
}

/** The kinds of names that identify an event's participants. */
const NAMED = new Set(["person", "place", "polity"]);

/** Profiles by entry: an entry read again (a server's cached candidate) is not profiled again. */
const profiles = new WeakMap<CollatedEntry, Profile>();

export function profile(entry: CollatedEntry): Profile {
  let found = profiles.get(entry);
  if (!found) {
    found = computeProfile(entry);
    profiles.set(entry, found);
  }
  return found;
}

function computeProfile(entry: CollatedEntry): Profile {
  const head = wording(entry.record.headline);
  const all = wording([entry.record.headline, ...entry.record.details].join(""));
  const names = new Map<string, Set<string>>();
  for (const m of entry.mentions) {
    if (!isNamed(m)) continue;
    const spellings = names.get(m.ref) ?? new Set<string>();
    spellings.add(m.text);
    names.set(m.ref, spellings);
  }
  // The participants of its events, those the text leaves implicit too (遣使朝於契丹: 夏 sends).
  for (const event of entry.events)
    for (const list of Object.values(event.roles))
      for (const role of list)
        if (role.ref && !names.has(role.ref) && /^(person|place|polity):/u.test(role.ref))
          names.set(role.ref, new Set());
  return {
    entry,
    head: bigrams(head),
    all: bigrams(all),
    length: all.length,
    names,
    events: new Set(entry.events.map((e) => e.type)),
    jdn: entry.record.date.jdn,
  };
}

function isNamed(m: Mention): m is EntityMention {
  return m.kind !== "quantity" && NAMED.has(m.kind);
}

/** Days between two ranges of days (0 when they overlap). */
export function gapDays(a: { start: number; end: number }, b: { start: number; end: number }): number {
  if (a.end < b.start) return b.start - a.end;
  if (b.end < a.start) return a.start - b.end;
  return 0;
}

/** Days over which the date signal halves: a chronicle's month may be another's report a month later. */
const DATE_HALF_LIFE = 45;

/** 1 for overlapping dates, falling by half every 45 days apart; 0.3 when either is undated. */
export function dateSignal(a: Profile, b: Profile): number {
  if (!a.jdn || !b.jdn) return 0.3;
  return 0.5 ** (gapDays(a.jdn, b.jdn) / DATE_HALF_LIFE);
}

/**
 * The names both accounts give, each weighed by how rare it is among the accounts collated (a
 * name every entry gives, like 宋, tells little): the weight shared over the weight of the account
 * that names less (and never less than about one rare name).
 */
export function namesSignal(a: Profile, b: Profile, weight: (ref: string) => number): number {
  let wa = 0;
  let wb = 0;
  let shared = 0;
  for (const ref of a.names.keys()) {
    const w = weight(ref);
    if (b.names.has(ref)) {
      shared += w;
      wa += w;
    } else wa += unsharedWeight(ref, w);
  }
  for (const ref of b.names.keys()) wb += a.names.has(ref) ? weight(ref) : unsharedWeight(ref, weight(ref));
  // Naming only what most entries name (宋, 夏, 契丹) is weak evidence, however much is shared.
  const least = Math.max(Math.min(wa, wb), NAMES_FLOOR);
  return Math.min(1, shared / least);
}

/**
 * The weight of a name only one account gives: a person the rules found and no record confirms
 * (`person:provisional:…`, or grown from 長編) weighs half, as the other account may write him
 * otherwise (遼史's 四庫 edition writes 蕭呼都克 for 蕭胡睹) and the records cannot tell.
 */
function unsharedWeight(ref: string, w: number): number {
  return foundByRules(ref) ? w / 2 : w;
}

/** The least weight a comparison of names is measured against: about one rare name's. */
const NAMES_FLOOR = 4;

/** 1 when the accounts share an event type, 0.5 when either has none, else 0. */
export function eventsSignal(a: Profile, b: Profile): number {
  if (a.events.size === 0 || b.events.size === 0) return 0.5;
  for (const t of a.events) if (b.events.has(t)) return 1;
  return 0;
}

/**
 * How much of the wording they share: of each headline in the other's account, and of the
 * shorter account in the longer (a chronicle that quotes its source shares most of it).
 */
export function textSignal(a: Profile, b: Profile, weight: (pair: number) => number = () => 1): number {
  const heads = Math.max(containment(a.head, b.all, weight), containment(b.head, a.all, weight));
  const [short, long] = a.all.size <= b.all.size ? [a, b] : [b, a];
  return HEADLINE_SHARE * heads + (1 - HEADLINE_SHARE) * containment(short.all, long.all, weight);
}

/** The headlines say what the event was; the accounts' details, which may quote much else, count less. */
const HEADLINE_SHARE = 0.7;

/** The weights of the signals in a pair's score. */
export const WEIGHTS = { text: 0.45, names: 0.3, date: 0.15, events: 0.1 } as const;

/** A pair's signals and score. */
export interface PairScore {
  score: number;
  signals: { date: number; names: number; events: number; text: number };
}

/** How much a name, and a pair of characters, tells: the rarer among the accounts collated, the more. */
export interface Weights {
  name: (ref: string) => number;
  pair: (pair: number) => number;
}

/** Weights from how many of `profiles` give each name and each pair of characters. */
export function weightsOf(profiles: readonly Profile[]): Weights {
  const names = new Map<string, number>();
  const pairs = new Map<number, number>();
  for (const p of profiles) {
    for (const ref of p.names.keys()) names.set(ref, (names.get(ref) ?? 0) + 1);
    for (const x of p.all) pairs.set(x, (pairs.get(x) ?? 0) + 1);
  }
  // Counts become weights once, so that scoring a pair looks each one up.
  const n = profiles.length;
  const rare = Math.log(1 + n);
  for (const [ref, count] of names) names.set(ref, Math.log(1 + n / count));
  for (const [x, count] of pairs) pairs.set(x, Math.log(1 + n / count));
  return {
    name: (ref) => names.get(ref) ?? rare,
    pair: (x) => pairs.get(x) ?? rare,
  };
}

export function scorePair(a: Profile, b: Profile, weights: Weights): PairScore {
  const signals = {
    date: dateSignal(a, b),
    names: namesSignal(a, b, weights.name),
    events: eventsSignal(a, b),
    text: textSignal(a, b, weights.pair),
  };
  const score =
    WEIGHTS.text * signals.text +
    WEIGHTS.names * signals.names +
    WEIGHTS.date * signals.date +
    WEIGHTS.events * signals.events;
  return { score: Math.round(score * 1000) / 1000, signals };
}
