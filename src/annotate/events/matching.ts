/**
 * Matching: the events of an entry, read sentence by sentence as the tagging hands them over —
 * each rule that the sentence's characters and mentions allow is run over the tagged text, in the
 * order of the table, and an event is kept for each match with enough roles that does not take a
 * clause an earlier event of the same or a conflicting type took.
 */
import type { Entry } from "../../parse/types.ts";
import type { NameDictionary } from "../dictionary.ts";
import type { Segment } from "../internal/segments.ts";
import type { ChronicleEvent, EntityMention, EventRole, EventType, Mention } from "../types.ts";
import { type CompiledRules, compiledRules, lowestBit, requiresMet } from "./compiled.ts";
import { firstPolities, Match, type MatchScope, NO_INDICES, NO_MENTIONS, NO_ROLES, roleOf } from "./roles.ts";
import type { TaggedSentence } from "./sentence.ts";
import { NO_SEGMENT, SentenceBuilder, type SentenceReader, tagSegment } from "./tagging.ts";
import { TakenParts } from "./taken.ts";
import { OFFICE_CODE, TOKENS } from "./tokens.ts";

const ENUMERATION_CODE = "、".charCodeAt(0);

/** Context of the event reading of one entry. */
export interface EventContext {
  dictionary: NameDictionary;
  /** The polity whose chronicle it is (from the year heading), if known. */
  chronicleState: string | null;
}

/** Reads the events of one entry, sentence by sentence, as the builder hands them over. */
class EventReader implements SentenceReader, MatchScope {
  /** The events of the current entry so far (the list is reused: each entry keeps a copy). */
  readonly events: ChronicleEvent[] = [];
  sentence!: TaggedSentence;
  segment!: Segment;
  own: readonly Mention[] = NO_MENTIONS;
  earlier: EntityMention[] = [];
  chronicle: EventRole[] = NO_ROLES as EventRole[];
  headlineSubject: EventRole[] = NO_ROLES as EventRole[];
  headlineMentions: readonly Mention[] = NO_MENTIONS;
  /** The first mention of each polity of the headline, once asked for. */
  private headlinePolityList: Mention[] | null = null;
  dictionary!: NameDictionary;
  private sentences = 0;
  /** The parts of the current sentence events took. */
  private readonly taken = new TakenParts();
  private readonly match = new Match(this);

  constructor(private readonly compiled: CompiledRules) {}

  /** Starts an entry. */
  beginEntry(chronicle: EventRole[], headlineMentions: readonly Mention[], dictionary: NameDictionary): void {
    this.events.length = 0;
    this.chronicle = chronicle;
    this.headlineSubject = chronicle;
    this.headlineMentions = headlineMentions;
    this.headlinePolityList = null;
    this.dictionary = dictionary;
  }

  /** Lets go of the entry's objects (its last segment's text is a slice of the document's). */
  endEntry(): void {
    this.events.length = 0;
    this.segment = NO_SEGMENT;
    this.own = NO_MENTIONS;
    this.earlier = [];
    this.headlineMentions = NO_MENTIONS;
    this.headlinePolityList = null;
  }

  headlinePolities(): readonly Mention[] {
    this.headlinePolityList ??= firstPolities(this.headlineMentions);
    return this.headlinePolityList;
  }

  /** Starts a segment with its mentions. */
  begin(segment: Segment, own: readonly Mention[]): void {
    this.segment = segment;
    this.own = own;
    this.earlier = [];
    this.sentences = 0;
  }

  skip(opener: EntityMention | null): void {
    this.sentences++;
    if (opener) this.earlier.push(opener);
  }

  read(sentence: TaggedSentence): void {
    const { segment, events, taken, compiled } = this;
    this.sentence = sentence;
    if (this.sentences++ === 0 && segment.field === "headline") this.readHeadlineSubject(sentence);
    taken.clear();
    const { rules, kinds, present, text } = sentence;
    const { ruleWords, byKinds } = compiled;
    // The rules triggered whose needs the kinds of token meet, in order.
    for (let w = 0; w < ruleWords; w++)
      for (let rest = rules[w]! & byKinds[kinds * ruleWords + w]!; rest !== 0; rest &= rest - 1) {
        const { rule, regex, groups, requires, conflicts, minimum, contains } =
          compiled.rules[w * 32 + lowestBit(rest)]!;
        if (!requiresMet(present, requires)) continue;
        if (contains !== null && !contains.test(text)) continue;
        const { pass } = groups;
        regex.lastIndex = 0;
        for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
          const ms = match.index;
          const me = ms + match[0].length;
          if (me === ms) {
            regex.lastIndex++;
            continue;
          }
          if (pass !== undefined && match.indices![pass] !== undefined) continue;
          if (taken.overlaps(ms, me, rule.type, conflicts)) continue;
          const found = rule.roles(this.match.reset(ms, match.indices ?? NO_INDICES, groups));
          // The rule's lists, each without repeats (the object is the rule's own, made for this match).
          let values = 0;
          for (const name in found) {
            const list = dedupe(found[name]!);
            found[name] = list;
            values += list.length;
          }
          if (values < minimum) continue;
          // Made only for an event that is kept, like the lists in it (see `keptList`).
          const roles: Record<string, EventRole[]> = {};
          for (const name in found) if (found[name]!.length > 0) roles[name] = keptList(found[name]!);
          taken.take(ms, me, rule.type);
          const start = sentence.startAt(ms);
          const end = sentence.endAt(me - 1);
          events.push({
            type: rule.type,
            field: segment.field,
            rule: rule.name,
            start,
            end,
            text: segment.text.slice(start - segment.start, end - segment.start),
            roles,
          });
        }
        taken.commit();
      }
    if (sentence.attach) attachCaptures(sentence, events, segment.field);
    if (sentence.openers > 0) this.earlier.push(sentence.openerMention[0]!);
  }

  /** The headline's subject: its first actor, with only offices before it (`右正言梁適…`). */
  private readHeadlineSubject(sentence: TaggedSentence): void {
    const { runAt, runMention, runs, text } = sentence;
    for (let k = 0; k < runs; k++) {
      const m = runMention[k]!;
      if (m === null || m.kind === "office") continue;
      if (m.kind !== "polity" && m.kind !== "person") return;
      for (let i = 0; i < runAt[k]!; i++) {
        const code = text.charCodeAt(i);
        if (code !== OFFICE_CODE && code !== ENUMERATION_CODE) return;
      }
      this.headlineSubject = [roleOf(m)];
      return;
    }
  }
}

/**
 * Reads the events of one entry.
 *
 * @param entry the entry (for its id in messages; the text comes from the segments)
 * @param segments its segments, headline first
 * @param mentions its mentions
 * @param context the dictionary and the chronicle's state
 * @param compiled the rule table (default: `EVENT_RULES`)
 * @returns the events, headline first, each with the rule that produced it
 */
export function eventsOfEntry(
  _entry: Entry,
  segments: readonly Segment[],
  mentions: readonly Mention[],
  context: EventContext,
  compiled: CompiledRules = compiledRules(),
): ChronicleEvent[] {
  const chronicle = chronicleRoles(context.dictionary, context.chronicleState);
  const headlineMentions = mentionsOf(mentions, "headline");
  const { reader, builder } = readers(compiled);
  reader.beginEntry(chronicle, headlineMentions, context.dictionary);
  for (const segment of segments) {
    if (segment.field.startsWith("note")) continue;
    const own = segment.field === "headline" ? headlineMentions : mentionsOf(mentions, segment.field);
    reader.begin(segment, own);
    builder.begin(segment, reader);
    tagSegment(segment, own, compiled, builder);
  }
  const events = keptEvents(reader.events);
  reader.endEntry();
  builder.end();
  return events;
}

/**
 * The events an entry keeps: a copy of exactly their number, by an array literal for up to two
 * (nearly every entry), for the reason `keptList` gives.
 */
function keptEvents(events: readonly ChronicleEvent[]): ChronicleEvent[] {
  switch (events.length) {
    case 0:
      return [];
    case 1:
      return [events[0]!];
    case 2:
      return [events[0]!, events[1]!];
    default:
      return events.slice();
  }
}

/**
 * The chronicle's state as a role list, made once for each state of a dictionary: the rules read
 * it, and an event keeps copies of its roles (see `keptList`), never the list.
 */
const CHRONICLE_ROLES = new WeakMap<NameDictionary, Map<string, EventRole[]>>();

function chronicleRoles(dictionary: NameDictionary, state: string | null): EventRole[] {
  if (state === null) return [];
  let byState = CHRONICLE_ROLES.get(dictionary);
  if (byState === undefined) {
    byState = new Map();
    CHRONICLE_ROLES.set(dictionary, byState);
  }
  let roles = byState.get(state);
  if (roles === undefined) {
    roles = [{ ref: state, text: dictionary.records.get(state)?.name ?? "", start: null, end: null }];
    byState.set(state, roles);
  }
  return roles;
}

/** The mentions of one field, in text order (those of a field stand together: one copy of them). */
function mentionsOf(mentions: readonly Mention[], field: string): readonly Mention[] {
  let from = 0;
  while (from < mentions.length && mentions[from]!.field !== field) from++;
  if (from === mentions.length) return NO_MENTIONS;
  let to = from + 1;
  while (to < mentions.length && mentions[to]!.field === field) to++;
  let scattered = false;
  for (let k = to; k < mentions.length && !scattered; k++) scattered = mentions[k]!.field === field;
  return scattered ? mentions.filter((m) => m.field === field) : mentions.slice(from, to);
}

/**
 * The role list an event keeps: a copy of exactly its length, of copies of its roles. Both are
 * made by literals that make nothing but kept values, so that the engine learns to allocate them
 * straight among long-lived objects; the lists and roles the rules build are mostly discarded,
 * so theirs start young and what is kept of them would be copied again by the collector.
 */
function keptList(list: readonly EventRole[]): EventRole[] {
  if (list.length === 1) return [keptRole(list[0]!)];
  if (list.length === 2) return [keptRole(list[0]!), keptRole(list[1]!)];
  return list.map(keptRole);
}

function keptRole(r: EventRole): EventRole {
  return { ref: r.ref, text: r.text, start: r.start, end: r.end };
}

function dedupe(roles: EventRole[]): EventRole[] {
  if (roles.length < 2) return roles;
  const seen = new Set<string>();
  return roles.filter((r) => {
    const key = r.ref ?? `text:${r.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const CAPTURE = new RegExp(`執(?:${TOKENS.office}、?)*(${TOKENS.person})`, "dgu");
const RELEASE = new RegExp(`放(${TOKENS.person})歸`, "dgu");
const CAPTURE_TYPES: readonly EventType[] = ["battle", "raid"];
const RELEASE_TYPES: readonly EventType[] = ["embassy"];

/** `夏人執蕭胡睹`: the person taken goes to the raid or battle of the same field; `放胡睹歸` to the embassy. */
function attachCaptures(sentence: TaggedSentence, events: ChronicleEvent[], field: string): void {
  if (sentence.text.includes("執")) attachAll(sentence, events, field, CAPTURE, CAPTURE_TYPES, "captured");
  if (sentence.text.includes("放")) attachAll(sentence, events, field, RELEASE, RELEASE_TYPES, "released");
}

/** Adds the person each match of `pattern` takes to `role` of the field's last event of one of `types`. */
function attachAll(
  sentence: TaggedSentence,
  events: ChronicleEvent[],
  field: string,
  pattern: RegExp,
  types: readonly EventType[],
  role: string,
): void {
  const { text } = sentence;
  pattern.lastIndex = 0;
  let match = pattern.exec(text);
  if (match === null) return;
  // The field's last event of one of the types (the events stay as they are here: only its roles grow).
  let event: ChronicleEvent | undefined;
  for (let k = events.length - 1; k >= 0 && event === undefined; k--) {
    const e = events[k]!;
    if (e.field === field && types.includes(e.type)) event = e;
  }
  if (event === undefined) return;
  const refs = new Set((event.roles[role] ?? []).map((r) => r.ref));
  for (; match !== null; match = pattern.exec(text)) {
    const index = match.indices![1]![0];
    const r = sentence.runOf(index);
    const m = sentence.runAt[r] === index ? sentence.runMention[r]! : null;
    if (!m || refs.has(m.ref)) continue;
    refs.add(m.ref);
    const list = event.roles[role] ?? [];
    list.push(roleOf(m));
    event.roles[role] = list;
  }
}

const readersCache = new WeakMap<CompiledRules, { reader: EventReader; builder: SentenceBuilder }>();
/**
 * The sentence builder and the event reader of a rule table, made once: their arrays are reused
 * from sentence to sentence and entry to entry (the reading of an entry is synchronous, so one of
 * each serves).
 */
function readers(compiled: CompiledRules): { reader: EventReader; builder: SentenceBuilder } {
  let made = readersCache.get(compiled);
  if (made === undefined) {
    made = { reader: new EventReader(compiled), builder: new SentenceBuilder(compiled) };
    readersCache.set(compiled, made);
  }
  return made;
}
