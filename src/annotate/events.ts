/**
 * Events: each entry gets typed events with roles, read from the headline first and the details
 * second by a table of named patterns. The patterns run over a tagged copy of each sentence in
 * which every mention is one token — `{P}` a person, `{L}` a place, `{S}` a polity, `{O}` an
 * office, `{Q}` a quantity — so that `{S}遣{P}來` reads "a state sends a person here". Roles are
 * filled from the mentions a pattern's named groups cover; a role the sentence leaves out takes
 * its default (the sentence's subject, else the paragraph's, else the headline's, else the state
 * whose chronicle it is).
 */
import type { Entry } from "../parse/types.ts";
import type { NameDictionary } from "./dictionary.ts";
import type { Segment } from "./internal/segments.ts";
import type { ChronicleEvent, EntityMention, EventRole, EventType, Mention } from "./types.ts";

/** The token that stands for a mention of each kind in the tagged text. */
const TOKENS = {
  person: "\uE000",
  place: "\uE001",
  polity: "\uE002",
  office: "\uE003",
  quantity: "\uE004",
} as const;
const TOKEN_KIND = new Map<string, keyof typeof TOKENS>(
  Object.entries(TOKENS).map(([kind, token]) => [token, kind as keyof typeof TOKENS]),
);

/** Placeholders of the pattern table. */
const PLACEHOLDERS: Record<string, string> = {
  P: TOKENS.person,
  L: TOKENS.place,
  S: TOKENS.polity,
  O: TOKENS.office,
  Q: TOKENS.quantity,
  /** An actor: a person or a polity. */
  A: `[${TOKENS.person}${TOKENS.polity}]`,
  /** An actor opening a clause (not the object of a verb before it: `如宋上誓表`). */
  Subj: `(?<=^|[，。；：「」時初是故又乃遂而])[${TOKENS.person}${TOKENS.polity}]`,
  /** Persons, each with any offices before it, joined by 、, 與 or 及: `ＯＰ、ＯＰ與Ｐ`. */
  Ps: `(?:${TOKENS.office}、?)*${TOKENS.person}(?:假${TOKENS.office})?(?:[、與及](?:${TOKENS.office}、?)*${TOKENS.person})*`,
  /** Places, adjacent or joined by 、 or 及. */
  Ls: `${TOKENS.place}+(?:[、及]${TOKENS.place}+)*`,
  /** Any character but the end of a clause. */
  N: "[^，。；：「」]",
  /** Any character but the end of a clause or an actor. */
  NA: `[^，。；：「」${TOKENS.person}${TOKENS.polity}]`,
};

const compile = (pattern: string) =>
  new RegExp(
    pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = PLACEHOLDERS[name];
      if (value === undefined) throw new Error(`expected a known placeholder, got {${name}}`);
      return value.length === 1 ? value : `(?:${value})`;
    }),
    "dgu",
  );

/** A sentence of a segment with its mentions replaced by tokens. */
interface TaggedSentence {
  field: string;
  text: string;
  /** The mention each token stands for (`null` for plain characters). */
  mentions: (EntityMention | Mention | null)[];
  /** Absolute start and end offsets of the original characters behind each tagged character. */
  starts: number[];
  ends: number[];
  /** The actor at the start of the paragraph, if any. */
  paragraphSubject: EntityMention | null;
}

/** What the roles of a rule can draw on. */
export interface RuleMatch {
  /** The mentions inside a named group, of the given kinds (default: persons and polities). */
  group(name: string, kinds?: readonly string[]): EventRole[];
  /** The original text of a named group, trimmed of leading punctuation. */
  text(name: string): EventRole[];
  /** True when the named group took part in the match. */
  has(name: string): boolean;
  /**
   * The default actor: the actor opening the nearest clause before the match, else the sentence's
   * first, an earlier sentence's, the paragraph's or the headline's subject, else the chronicle's
   * state — the first of these that does not belong to the same state as one of `exclude`.
   */
  subject(exclude?: readonly EventRole[]): EventRole[];
  /** The other party: the first polity of the sentence, else of the headline, not of `side`'s state, else the counterpart. */
  otherParty(side: readonly EventRole[]): EventRole[];
  /** The state whose chronicle it is (`西夏` of `西夏稱…` year headings). */
  chronicle(): EventRole[];
  /** The chronicle's state when `side` is another party (where `來` points), else nothing. */
  counterpart(side: readonly EventRole[]): EventRole[];
  /** The states the places of a group belonged to. */
  stateOf(name: string): EventRole[];
  /** True when the sentence matches `pattern` (tested on the original text of the whole sentence). */
  sentence(pattern: RegExp): boolean;
  /** The first polity the sentence names that is not the state of one of `exclude`. */
  sentencePolities(exclude: readonly EventRole[]): EventRole[];
}

/** A named event pattern. */
export interface EventRule {
  name: string;
  type: EventType;
  /** A regular expression over the tagged sentence, with `{P}`, `{L}`, `{S}`, `{O}`, `{Q}`, `{A}`, `{Ps}`, `{Ls}`, `{N}`. */
  pattern: string;
  /** Fills the roles; empty roles are dropped. */
  roles(m: RuleMatch): Record<string, EventRole[]>;
}

const value = (text: string): EventRole[] => [{ ref: null, text, start: null, end: null }];
const or = (...choices: EventRole[][]): EventRole[] => choices.find((c) => c.length > 0) ?? [];
const ACTORS = ["person", "polity"];
const PLACES = ["place"];

/** The event patterns, tried in order; a later pattern does not take a clause an earlier one read as a conflicting type. */
export const EVENT_RULES: readonly EventRule[] = [
  {
    name: "embassy-come",
    type: "embassy",
    pattern:
      "(?<sender>{Subj})?(?:復|再|又|亦|乃)?遣(?:其)?(?<envoy>{Ps})(?:等)?(?:奉詔|持書)?來(?<purpose>{N}*)",
    roles: (m) => {
      const sender = or(m.group("sender"), m.subject());
      return {
        sender,
        receiver: m.counterpart(sender),
        envoy: m.group("envoy", ["person"]),
        purpose: m.text("purpose"),
      };
    },
  },
  {
    name: "embassy-return",
    type: "embassy",
    pattern: "(?<sender>{Subj})(?:亦)?遣(?:使以)?(?<purpose>{N}*?)(?:歸|還)(?<receiver>{S})?之?",
    roles: (m) => {
      const sender = m.group("sender");
      return { sender, receiver: or(m.group("receiver"), m.counterpart(sender)), purpose: m.text("purpose") };
    },
  },
  {
    name: "envoy-to-place",
    type: "embassy",
    pattern: "^(?:{O}、?)*(?<envoy>{P})使(?<place>{L})(?:，與(?<receiver>{P})議(?<purpose>{N}*))?",
    roles: (m) => ({
      sender: m.stateOf("envoy"),
      envoy: m.group("envoy"),
      receiver: m.group("receiver"),
      place: m.group("place", PLACES),
      purpose: m.text("purpose"),
    }),
  },
  {
    name: "embassy-go",
    type: "embassy",
    pattern:
      "(?<sender>{Subj})?(?:復|再|又|亦|乃|即)?(?:遣|使)(?:其)?(?:使|人|臣)?(?<envoy>{Ps})?(?:等)?(?:持書|奉使)?(?:如|至|詣|往|報|赴|朝於|貢於|上表於)(?<receiver>{S}|{L})(?:(?<purpose>{N}+)|，(?<purpose2>{NA}{N}*))?",
    roles: (m) => {
      const receiver = or(m.group("receiver", ["polity"]), m.stateOf("receiver"));
      return {
        sender: or(m.group("sender"), m.subject(receiver)),
        receiver,
        envoy: m.group("envoy", ["person"]),
        place: m.group("receiver", PLACES),
        purpose: or(m.text("purpose"), m.text("purpose2")),
      };
    },
  },
  {
    name: "embassy-commission",
    type: "embassy",
    pattern:
      "(?<sender>{Subj})?(?:故|乃|即)?遣(?<envoy>{Ps}充{O}(?:，(?:{O}、?)*{P}充{O})*)(?:，持節(?<purpose>{N}+))?",
    roles: (m) => ({
      sender: or(m.group("sender"), m.subject()),
      receiver: m.counterpart(or(m.group("sender"), m.subject())),
      envoy: m.group("envoy", ["person"]),
      purpose: m.text("purpose"),
    }),
  },
  {
    name: "embassy-envoy",
    type: "embassy",
    pattern:
      "(?<sender>{Subj})?(?:復|再|又|亦|即)?遣(?<envoy>{Ps})(?<purpose>(?:致|報|告|諭|議|賀|弔|謝|求|乞|請|問|索|讓){N}*)",
    roles: (m) => ({
      sender: or(m.group("sender"), m.subject()),
      envoy: m.group("envoy", ["person"]),
      purpose: m.text("purpose"),
    }),
  },
  {
    name: "raid-repulsed",
    type: "raid",
    pattern:
      "(?<attacker>(?:{O}、?)*{P}|{S})?{N}{0,8}?(?:侵掠|侵|寇|犯|掠)(?<defender>{S})?(?<target>{Ls})?{N}*?，?(?:為(?<captor>{N}*?)所(?<verb>執|擒|獲|敗|破)|(?<captor2>{S}?(?:{O}、?)*{P})誘?(?<verb2>執|擒))",
    roles: (m) => {
      const attacker = or(m.group("attacker"), m.subject());
      const taken = m.has("verb2") || ["執", "擒", "獲"].includes(m.text("verb")[0]?.text ?? "");
      return {
        attacker,
        target: m.group("target", PLACES),
        defender: [...m.group("defender"), ...m.group("captor"), ...m.group("captor2")],
        outcome: value("defeat"),
        captured: taken ? attacker : [],
      };
    },
  },
  {
    name: "invaded-battle",
    type: "battle",
    pattern: "(?<attacker>{Subj})來(?:伐|討|攻|侵)[^。]*?(?:拒戰|戰)於(?<place>{L})(?:，(?<lost>敗績))?",
    roles: (m) => {
      const attacker = m.group("attacker");
      return {
        attacker,
        defender: m.counterpart(attacker),
        place: m.group("place", PLACES),
        ...(m.has("lost") ? { outcome: value("victory"), victor: attacker } : {}),
      };
    },
  },
  {
    name: "attack-repulsed",
    type: "battle",
    pattern:
      "(?<attacker>{Subj})?(?:謀)?(?:襲|攻)(?<defender>{S})?{N}*，反為(?<victor>{S})[人眾兵師]?所(?:乘|敗)",
    roles: (m) => ({
      attacker: or(m.group("attacker"), m.subject()),
      defender: or(m.group("defender"), m.group("victor")),
      outcome: value("defeat"),
      victor: m.group("victor"),
    }),
  },
  {
    name: "contest",
    type: "battle",
    pattern:
      "(?:(?<builder>{S})(?:城|築|建|置)(?<target>{Ls})，)?(?<attacker>{Subj})?(?:以兵|遣兵{Q}?|發兵)爭之，?(?<failed>不克|不勝)?",
    roles: (m) => {
      const defender = m.group("builder");
      const attacker = or(m.group("attacker"), m.counterpart(defender), m.subject());
      return {
        attacker,
        defender: or(defender, m.otherParty(attacker)),
        target: m.group("target", PLACES),
        ...(m.has("failed") ? { outcome: value("defeat") } : {}),
      };
    },
  },
  {
    name: "attack",
    type: "battle",
    pattern:
      "(?<attacker>{Subj})?(?:親率兵|縱兵|率兵|以兵|乘勝)?(?:急)?(?:攻|襲|掩擊)(?<defender>{A})?(?:營|寨)?(?:{N}*，(?<loser>{S})[人眾兵師]?(?<lost>大敗|敗))?",
    roles: (m) => {
      const attacker = or(m.group("attacker"), m.subject());
      return {
        attacker,
        defender: or(m.group("defender"), m.group("loser")),
        ...(m.has("lost") ? { outcome: value("victory"), victor: m.stateOf("attacker") } : {}),
      };
    },
  },
  {
    name: "raid-camp",
    type: "raid",
    pattern: "(?<attacker>{Subj})?入(?:{O}、?)*(?<target>{P})(?:寨|營)",
    roles: (m) => ({ attacker: or(m.group("attacker"), m.subject()), target: m.group("target") }),
  },
  {
    name: "siege",
    type: "siege",
    pattern: "(?<attacker>{Subj})?(?:復)?(?:以兵)?圍(?<target>{Ls})",
    roles: (m) => ({ attacker: or(m.group("attacker"), m.subject()), target: m.group("target", PLACES) }),
  },
  {
    name: "battle-with",
    type: "battle",
    pattern:
      "(?<attacker>{Subj})?與(?<defender>{Ps}|{S})(?:等)?(?:戰|合戰)(?:，(?<outcome>不勝|不利|敗|大敗|勝|大勝))?",
    roles: (m) => {
      const outcome = m.text("outcome")[0]?.text;
      return {
        attacker: or(m.group("attacker"), m.subject()),
        defender: m.group("defender"),
        ...(outcome === undefined
          ? {}
          : { outcome: value(outcome.endsWith("勝") && !outcome.startsWith("不") ? "victory" : "defeat") }),
      };
    },
  },
  {
    name: "raid",
    type: "raid",
    pattern:
      "(?<attacker>{Subj})?(?:復|又|遂)?(?:以兵|縱兵|引兵|率兵|發兵|縱蕃騎{N}*)?(?:入寇|侵掠|侵|寇|犯|掠|(?<come>來討|來伐))(?<defender>{S}(?={L}))?(?<target>{Ls}|{S})?",
    roles: (m) => {
      const target = or(m.group("target", PLACES), m.group("target", ["polity"]));
      let defender = or(m.group("defender"), m.stateOf("target"));
      const attacker = or(m.group("attacker"), m.subject([...defender, ...target]));
      // 來討: "came to punish" — the chronicle's own state.
      if (m.has("come")) defender = or(defender, m.counterpart(attacker));
      return { attacker, defender, target };
    },
  },
  {
    name: "investiture",
    type: "investiture",
    pattern: "(?<grantor>{Subj})?(?<offered>許)?(?:冊封|冊命|封冊|封)(?<recipient>{P}|爾)?為(?<title>{O})",
    roles: (m) => ({
      grantor: or(m.group("grantor"), m.subject()),
      recipient: m.group("recipient"),
      title: m.group("title", ["office"]),
      status: m.has("offered") ? value("offered") : [],
    }),
  },
  {
    name: "appointment",
    type: "appointment",
    pattern:
      "(?<appointer>{Subj})?(?:仍|乃|即|又)?(?:召|以|命|令|除|拜|授)(?<person>{P})(?:為|爲|充|權)?(?<office>{O})",
    roles: (m) => ({
      appointer: or(m.group("appointer"), m.subject()),
      person: m.group("person"),
      office: m.group("office", ["office"]),
      place: m.group("office", PLACES),
    }),
  },
  {
    name: "appointment-serve",
    type: "appointment",
    pattern: "(?<person>{P})(?:為|爲|充)(?<office>{O})",
    roles: (m) => ({
      appointer: m.stateOf("person"),
      person: m.group("person"),
      office: m.group("office", ["office"]),
    }),
  },
  {
    name: "oath",
    type: "oath",
    pattern: "(?<giver>{Subj})?(?:上|進|賜|頒|入請)(?<receiver>{P}|{S})?誓(?:表|詔|書)",
    roles: (m) => {
      const giver = or(m.group("giver"), m.subject());
      return { parties: [...giver, ...or(m.group("receiver"), m.sentencePolities(giver))] };
    },
  },
  {
    name: "peace",
    type: "peace",
    pattern: "(?<![議請欲求])與(?<party>{S})(?:平|盟|約和)",
    roles: (m) => ({ parties: [...m.subject(), ...m.group("party")] }),
  },
  {
    name: "gift",
    type: "gift",
    pattern:
      "(?<giver>{Subj})?(?:仍|又|凡)?(?:歲賜|賜|歲遺)(?<receiver>{P}(?!{Q}))?(?<items>[^，。；「」]*?{Q}(?:、{Q})*)",
    roles: (m) => {
      // A request (`乞`) comes from the receiver: the giver is the other party.
      const requested = m.sentence(/乞/);
      const asker = m.subject();
      const giver = or(m.group("giver"), requested ? m.otherParty(asker) : asker);
      return {
        giver,
        receiver: or(m.group("receiver"), requested ? asker : m.counterpart(giver)),
        items: m.text("items"),
        status: requested ? value("requested") : m.sentence(/許/) ? value("offered") : [],
      };
    },
  },
  {
    name: "tribute",
    type: "tribute",
    pattern:
      "(?<giver>{Subj})?(?:獻|進|貢)(?<items>[^，。；「」於]*?)(?:於(?<receiver>{S})|(?<receiver2>{S})?(?=[，。；]|$))",
    roles: (m) => ({
      giver: or(m.group("giver"), m.subject()),
      receiver: or(m.group("receiver"), m.group("receiver2"), m.sentencePolities([])),
      items: m.text("items"),
    }),
  },
  {
    name: "construction-convert",
    type: "construction",
    pattern: "(?<builder>{Subj})?(?:建|置|改|升)(?<place>{Ls})為(?<what>{L})",
    roles: (m) => ({
      builder: or(m.group("builder"), m.subject()),
      place: m.group("place", PLACES).slice(-1),
      what: m.group("what", PLACES),
    }),
  },
  {
    name: "construction-at",
    type: "construction",
    pattern: "(?<builder>{O}|{A})?{N}{0,2}於(?<place>{L})(?:鑿|置|築|建|修)(?<what>{N}+)",
    roles: (m) => ({
      builder: or(m.group("builder", ["office", "person", "polity"]), m.subject()),
      place: m.group("place", PLACES),
      what: m.text("what"),
    }),
  },
  {
    name: "construction",
    type: "construction",
    pattern:
      "(?<builder>{Subj})?(?:迭城|修築|城|築|建|置)(?<place>{Ls})(?<what>(?:[一二三四五六七八九十]+|諸|等)?[寨城堡州軍])?",
    roles: (m) => ({
      builder: or(m.group("builder"), m.subject()),
      place: m.group("place", PLACES),
      what: or(m.text("what"), value("城")),
    }),
  },
  {
    name: "defection",
    type: "defection",
    pattern: "(?<who>(?:[^。]|，與)*?)皆?叛(?<from>{S})(?<to>{S})?(?:來附|來降|降|附|歸)",
    roles: (m) => {
      const from = m.group("from");
      return { who: m.group("who"), from, to: or(m.group("to"), m.counterpart(from)) };
    },
  },
  {
    name: "defection-inner",
    type: "defection",
    pattern: "(?<who>{P})內(?:降|附)",
    roles: (m) => ({ who: m.group("who"), from: m.stateOf("who") }),
  },
  {
    name: "submission",
    type: "submission",
    pattern: "(?<who>{Subj})?{N}{0,8}?(?:請降|乞降|詣降|來降)(?:於(?<to>{S}))?",
    roles: (m) => {
      const who = or(m.group("who"), m.subject());
      return { who, to: or(m.group("to"), m.sentencePolities(who)) };
    },
  },
  {
    name: "killed",
    type: "death",
    pattern:
      "(?<by>{Subj})?(?:既|遂|乃)?(?<![欲謀將議])(?:殺|誅)(?<person>(?:{S}?{N}{0,4}?(?:{O}、?)*{P}、?)+)",
    roles: (m) => ({ person: m.group("person", ["person"]), by: or(m.group("by"), m.subject()) }),
  },
  {
    name: "death",
    type: "death",
    pattern: "(?<person>{P})(?:卒|死|薨|殂|崩)",
    roles: (m) => ({ person: m.group("person") }),
  },
];

/** Types that do not share a clause: an investiture is not also an appointment. */
const CONFLICTS: ReadonlyMap<EventType, ReadonlySet<EventType>> = new Map([
  ["appointment", new Set<EventType>(["investiture"])],
  ["submission", new Set<EventType>(["defection"])],
  ["embassy", new Set<EventType>(["embassy"])],
  ["battle", new Set<EventType>(["battle", "raid"])],
  ["raid", new Set<EventType>(["raid", "battle"])],
  ["construction", new Set<EventType>(["construction"])],
]);

const SENTENCE_ENDS = new Set(["。", "；", "！", "？"]);
const CLAUSE_ENDS = new Set(["，", "：", "「", "」"]);
/** Words that may open a clause before its subject (`時元昊…`, `至是党項…`). */
const OPENERS = /^(?:時|初|至是|是時|既而|又|乃|遂|且|然|及|會|先是|故|後|而)*$/;

function tagSegment(segment: Segment, mentions: readonly Mention[]): TaggedSentence[] {
  const top = mentions.filter(
    (m, i) =>
      !mentions.some(
        (o, j) => j !== i && o.start <= m.start && m.end <= o.end && o.end - o.start > m.end - m.start,
      ),
  );
  const byStart = new Map<number, Mention>();
  for (const m of top) if (!byStart.has(m.start)) byStart.set(m.start, m);
  const sentences: TaggedSentence[] = [];
  let current: TaggedSentence | null = null;
  let paragraphSubject: EntityMention | null = null;
  const { text, start: base, excluded } = segment;
  const push = (char: string, mention: Mention | null, start: number, end: number) => {
    current ??= { field: segment.field, text: "", mentions: [], starts: [], ends: [], paragraphSubject };
    current.text += char;
    current.mentions.push(mention);
    current.starts.push(start);
    current.ends.push(end);
  };
  let i = 0;
  while (i < text.length) {
    const skip = excluded.find((x) => x.start === i && x.end > x.start && text[i] === "（");
    if (skip) {
      i = skip.end;
      continue;
    }
    const mention = byStart.get(base + i);
    if (mention) {
      if (paragraphSubject === null && sentences.length === 0 && mention.kind !== "quantity") {
        const before = text.slice(0, i);
        if (
          (before === "" || OPENERS.test(before)) &&
          (mention.kind === "person" || mention.kind === "polity")
        )
          paragraphSubject = mention;
      }
      push(TOKENS[mention.kind], mention, mention.start, mention.end);
      i = mention.end - base;
      continue;
    }
    const char = text[i]!;
    push(char, null, base + i, base + i + 1);
    i++;
    if (SENTENCE_ENDS.has(char) && current) {
      sentences.push(current);
      current = null;
    }
  }
  if (current) sentences.push(current);
  for (const s of sentences) s.paragraphSubject = paragraphSubject;
  return sentences;
}

function roleOf(m: Mention): EventRole {
  return { ref: m.ref, text: m.text, start: m.start, end: m.end };
}

/** The actors opening clauses of a sentence before `offset`, nearest first, then the sentence's first. */
function clauseSubjects(sentence: TaggedSentence, offset: number): EntityMention[] {
  const found: EntityMention[] = [];
  let clauseStart = 0;
  for (let i = 0; i < offset && i < sentence.text.length; i++) {
    if (CLAUSE_ENDS.has(sentence.text[i]!)) {
      clauseStart = i + 1;
      continue;
    }
    const m = sentence.mentions[i];
    if (!m || (m.kind !== "person" && m.kind !== "polity")) continue;
    if (OPENERS.test(sentence.text.slice(clauseStart, i))) found.push(m as EntityMention);
  }
  return found.length > 1 ? [found.at(-1)!, found[0]!, ...found.slice(1, -1).reverse()] : found;
}

/** Context of the event reading of one entry. */
export interface EventContext {
  dictionary: NameDictionary;
  /** The polity whose chronicle it is (from the year heading), if known. */
  chronicleState: string | null;
}

/**
 * Reads the events of one entry.
 *
 * @param entry the entry (for its id in messages; the text comes from the segments)
 * @param segments its segments, headline first
 * @param mentions its mentions
 * @param context the dictionary and the chronicle's state
 * @returns the events, headline first, each with the rule that produced it
 */
export function eventsOfEntry(
  _entry: Entry,
  segments: readonly Segment[],
  mentions: readonly Mention[],
  context: EventContext,
): ChronicleEvent[] {
  const events: ChronicleEvent[] = [];
  const chronicle: EventRole[] = context.chronicleState
    ? [
        {
          ref: context.chronicleState,
          text: context.dictionary.records.get(context.chronicleState)?.name ?? "",
          start: null,
          end: null,
        },
      ]
    : [];
  let headlineSubject: EventRole[] = chronicle;
  const headlineMentions = mentions.filter((m) => m.field === "headline");
  const compiled = compiledRules();
  for (const segment of segments) {
    if (segment.field.startsWith("note")) continue;
    const own = mentions.filter((m) => m.field === segment.field);
    const sentences = tagSegment(segment, own);
    if (segment.field === "headline") {
      const first = sentences[0];
      const opening = first?.mentions.findIndex((m) => m !== null && m.kind !== "office");
      const m = opening !== undefined && opening >= 0 ? first!.mentions[opening] : null;
      const before = first?.text.slice(0, opening ?? 0).replace(new RegExp(`[${TOKENS.office}、]`, "gu"), "");
      if (m && (m.kind === "polity" || m.kind === "person") && before === "") headlineSubject = [roleOf(m)];
    }
    const earlier: EntityMention[] = [];
    for (const sentence of sentences) {
      const taken: { start: number; end: number; type: EventType }[] = [];
      const stateOfRef = (ref: string | null): string | null => {
        if (ref === null) return null;
        const record = context.dictionary.records.get(ref);
        if (!record) return null;
        if (record.kind === "polity") return record.id;
        const state = "state" in record ? record.state : null;
        return state === null ? null : (context.dictionary.polityOfState.get(state) ?? null);
      };
      for (const { rule, regex } of compiled) {
        regex.lastIndex = 0;
        for (const match of sentence.text.matchAll(regex)) {
          const [ms, me] = [match.index, match.index + match[0].length];
          if (me === ms) continue;
          const conflicts = CONFLICTS.get(rule.type);
          if (
            taken.some((t) => t.start < me && ms < t.end && (t.type === rule.type || conflicts?.has(t.type)))
          )
            continue;
          const indices = match.indices?.groups ?? {};
          const range = (name: string): [number, number] | null => {
            const r = indices[name];
            return r && r[1] > r[0] ? [r[0], r[1]] : null;
          };
          const subject = (exclude: readonly EventRole[] = []): EventRole[] => {
            const excluded = new Set<string | null>(
              exclude.map((e) => stateOfRef(e.ref)).filter((x) => x !== null),
            );
            const chain: EventRole[][] = [
              ...clauseSubjects(sentence, ms).map((x) => [roleOf(x)]),
              ...earlier.map((x) => [roleOf(x)]),
              ...(sentence.paragraphSubject && segment.field !== "headline"
                ? [[roleOf(sentence.paragraphSubject)]]
                : []),
              headlineSubject,
              chronicle,
            ];
            return chain.find((c) => c.length > 0 && !excluded.has(stateOfRef(c[0]!.ref))) ?? [];
          };
          const api: RuleMatch = {
            group(name, kinds = ACTORS) {
              const r = range(name);
              if (!r) return [];
              const out: EventRole[] = [];
              for (let i = r[0]; i < r[1]; i++) {
                const m = sentence.mentions[i];
                if (m && kinds.includes(m.kind)) out.push(roleOf(m));
              }
              // Places inside an office (`知慶州` → 慶州) count for place roles.
              if (kinds.includes("place"))
                for (let i = r[0]; i < r[1]; i++) {
                  const m = sentence.mentions[i];
                  if (m?.kind === "office" && "place" in m && m.place) {
                    const inner = own.find((x) => x.kind === "place" && x.start >= m.start && x.end <= m.end);
                    out.push(
                      inner ? roleOf(inner) : { ref: m.place, text: m.text, start: m.start, end: m.end },
                    );
                  }
                }
              return out;
            },
            text(name) {
              const r = range(name);
              if (!r) return [];
              let [a, b] = r;
              while (a < b && /[，、：\s]/u.test(sentence.text[a]!)) a++;
              while (b > a && /[，、：。\s]/u.test(sentence.text[b - 1]!)) b--;
              if (b <= a) return [];
              const start = sentence.starts[a]!;
              const end = sentence.ends[b - 1]!;
              const original = segments.find((s) => s.field === sentence.field)!;
              return [
                {
                  ref: null,
                  text: original.text.slice(start - original.start, end - original.start),
                  start,
                  end,
                },
              ];
            },
            has: (name) => range(name) !== null,
            subject,
            chronicle: () => chronicle,
            counterpart(side) {
              const sideStates = new Set(side.map((s) => stateOfRef(s.ref)));
              return chronicle.length > 0 && side.length > 0 && !sideStates.has(chronicle[0]!.ref)
                ? chronicle
                : [];
            },
            stateOf(name) {
              const out: EventRole[] = [];
              for (const role of api.group(name, ["place", "person", "office"])) {
                const state = stateOfRef(role.ref);
                if (state && !out.some((o) => o.ref === state))
                  out.push({
                    ref: state,
                    text: context.dictionary.records.get(state)?.name ?? "",
                    start: null,
                    end: null,
                  });
              }
              return out;
            },
            sentence: (pattern) =>
              pattern.test(
                segment.text.slice(
                  sentence.starts[0]! - segment.start,
                  sentence.ends.at(-1)! - segment.start,
                ),
              ),
            otherParty(side) {
              const skip = new Set(side.map((e) => stateOfRef(e.ref)));
              for (const list of [sentence.mentions, headlineMentions])
                for (const m of list) if (m?.kind === "polity" && !skip.has(m.ref)) return [roleOf(m)];
              return api.counterpart(side);
            },
            sentencePolities(exclude) {
              const skip = new Set(exclude.map((e) => stateOfRef(e.ref)));
              for (const m of sentence.mentions)
                if (m?.kind === "polity" && !skip.has(m.ref)) return [roleOf(m)];
              return [];
            },
          };
          const roles: Record<string, EventRole[]> = {};
          for (const [name, list] of Object.entries(rule.roles(api)))
            if (list.length > 0) roles[name] = dedupe(list);
          if (Object.values(roles).reduce((n, list) => n + list.length, 0) < 2) continue;
          taken.push({ start: ms, end: me, type: rule.type });
          const start = sentence.starts[ms]!;
          const end = sentence.ends[me - 1]!;
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
      }
      attachCaptures(sentence, events, segment.field);
      const first =
        clauseSubjects(sentence, sentence.text.length).at(1) ??
        clauseSubjects(sentence, sentence.text.length)[0];
      if (first) earlier.unshift(first);
    }
  }
  return events;
}

function dedupe(roles: EventRole[]): EventRole[] {
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

/** `夏人執蕭胡睹`: the person taken goes to the raid or battle of the same field; `放胡睹歸` to the embassy. */
function attachCaptures(sentence: TaggedSentence, events: ChronicleEvent[], field: string): void {
  for (const [pattern, types, role] of [
    [CAPTURE, ["battle", "raid"], "captured"],
    [RELEASE, ["embassy"], "released"],
  ] as const) {
    for (const match of sentence.text.matchAll(pattern)) {
      const index = match.indices![1]![0];
      const m = sentence.mentions[index];
      const event = events.findLast(
        (e) => e.field === field && (types as readonly string[]).includes(e.type),
      );
      if (!m || !event || event.roles[role]?.some((r) => r.ref === m.ref)) continue;
      const list = event.roles[role] ?? [];
      list.push(roleOf(m));
      event.roles[role] = list;
    }
  }
}

let compiledCache: { rule: EventRule; regex: RegExp }[] | undefined;
function compiledRules(): { rule: EventRule; regex: RegExp }[] {
  compiledCache ??= EVENT_RULES.map((rule) => ({ rule, regex: compile(rule.pattern) }));
  return compiledCache;
}

/** The kind of mention a token stands for (for tests and debugging). */
export function tokenKind(token: string): string | undefined {
  return TOKEN_KIND.get(token);
}
