/**
 * Events: each entry gets typed events with roles, read from the headline first and the details
 * second by a table of named patterns. The patterns run over a tagged copy of each sentence in
 * which every mention is one token — `{P}` a person, `{L}` a place, `{S}` a polity, `{O}` an
 * office, `{Q}` a quantity — so that `{S}遣{P}來` reads "a state sends a person here". Roles are
 * filled from the mentions a pattern's named groups cover; a role the sentence leaves out takes
 * its default (the sentence's subject, else the paragraph's, else the headline's, else the state
 * whose chronicle it is).
 */
import assert from "node:assert/strict";
import type { Entry } from "../parse/types.ts";
import type { NameDictionary } from "./dictionary.ts";
import type { Segment } from "./internal/segments.ts";
import type { Span } from "./internal/spans.ts";
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
  /**
   * An actor opening a clause (not the object of a verb before it: `如宋上誓表`). The look back
   * comes after the token, so that a pattern opens with a plain class, which is much quicker to
   * search for than a look back.
   */
  Subj: `[${TOKENS.person}${TOKENS.polity}](?<=(?:^|[，。；：「」時初是故又乃遂而])[${TOKENS.person}${TOKENS.polity}])`,
  /** Persons, each with any offices before it, joined by 、, 與 or 及: `ＯＰ、ＯＰ與Ｐ`. */
  Ps: `(?:${TOKENS.office}、?)*${TOKENS.person}(?:假${TOKENS.office})?(?:[、與及](?:${TOKENS.office}、?)*${TOKENS.person})*`,
  /** Places, adjacent or joined by 、 or 及. */
  Ls: `${TOKENS.place}+(?:[、及]${TOKENS.place}+)*`,
  /** Any character but the end of a clause. */
  N: "[^，。；：「」]",
  /** A plain character: not a token, not the end of a clause. */
  X: `[^，。；：「」${Object.values(TOKENS).join("")}]`,
  /** Any character but the end of a clause or an actor. */
  NA: `[^，。；：「」${TOKENS.person}${TOKENS.polity}]`,
};

/**
 * The pieces of regular-expression syntax that open a group, and those that may hide a `(`: an
 * escape, a character class, a named group `(?<name>` (its name captured), any other `(?` and a
 * plain `(`.
 */
const GROUP_SYNTAX = /\\.|\[(?:\\.|[^\]\\])*\]|\(\?<([A-Za-z_]\w*)>|\(\?|\(/g;

/** A rule's pattern ready for matching. */
interface CompiledPattern {
  regex: RegExp;
  /** The number of the capturing group each named group of the pattern became. */
  groups: Readonly<Record<string, number>>;
}

/** A pattern of the table with its placeholders replaced. */
function expand(pattern: string): string {
  return pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = PLACEHOLDERS[name];
    if (value === undefined) throw new Error(`expected a known placeholder, got {${name}}`);
    return value.length === 1 ? value : `(?:${value})`;
  });
}

/**
 * Compiles a pattern of the table: placeholders replaced, and named groups made plain numbered
 * ones — a match then reports its indices without a `groups` object, several times quicker.
 */
function compile(pattern: string): CompiledPattern {
  const expanded = expand(pattern);
  const groups: Record<string, number> = {};
  let count = 0;
  const source = expanded.replace(GROUP_SYNTAX, (token: string, name: string | undefined) => {
    if (name !== undefined) {
      groups[name] = ++count;
      return "(";
    }
    if (token === "(") count++;
    return token;
  });
  const captures = new RegExp(`${source}|`, "u").exec("")!.length - 1;
  assert.equal(captures, count, `expected ${count} capturing groups in ${pattern}`);
  return { regex: new RegExp(source, "dgu"), groups };
}

/**
 * A sentence of a segment with its mentions replaced by tokens. One object is rebuilt in place for
 * each sentence in turn (see `SentenceBuilder`): nothing keeps it once its sentence is read.
 */
class TaggedSentence {
  text = "";
  /**
   * The runs of `text` (a token is a run of one), `runs` of them: where each starts in `text`, the
   * absolute offset behind it, and the mention a token stands for (`null` for plain text).
   */
  readonly runAt: number[] = [];
  readonly runStart: number[] = [];
  readonly runMention: (Mention | null)[] = [];
  runs = 0;
  /** Absolute offsets of the sentence. */
  start = 0;
  end = 0;
  /** The actors that open a clause (`元昊…`, `時元昊…`), `openers` of them in order: where each stands in `text`, and its mention. */
  readonly openerAt: number[] = [];
  readonly openerMention: EntityMention[] = [];
  openers = 0;
  /** The actor at the start of the paragraph, if any. */
  paragraphSubject: EntityMention | null = null;
  /** Bit set of the kinds of token the sentence holds (see `KIND_BITS`). */
  kinds = 0;
  /** Bit set of the rules (by index) whose triggers occur in `text`. */
  rules = 0;
  /** Bit set of the groups of `EventRule.requires` (see `CompiledRules.requireBits`) whose characters occur in `text`. */
  present = 0;
  /** True when `text` holds `執` or `放` (read by `attachCaptures`). */
  attach = false;

  /** The index of the run that holds index `i` of `text`. */
  runOf(i: number): number {
    const { runAt } = this;
    let lo = 0;
    let hi = this.runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runAt[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The absolute offset of the character behind index `i`. */
  startAt(i: number): number {
    const r = this.runOf(i);
    return this.runStart[r]! + (i - this.runAt[r]!);
  }

  /** The absolute offset after the character behind index `i`. */
  endAt(i: number): number {
    const r = this.runOf(i);
    const m = this.runMention[r]!;
    return m !== null ? m.end : this.runStart[r]! + (i - this.runAt[r]!) + 1;
  }
}

/** One bit per kind of token, for the `needs` of the rules. */
const KIND_BITS: Readonly<Record<string, number>> = { P: 1, L: 2, S: 4, O: 8, Q: 16 };

/** The bit of `KIND_BITS` for a kind of mention (a switch: quicker than a look-up by a varying key). */
function kindBit(kind: Mention["kind"]): number {
  switch (kind) {
    case "person":
      return 1;
    case "place":
      return 2;
    case "polity":
      return 4;
    case "office":
      return 8;
    default:
      return 16;
  }
}

/** The code unit of the token of a kind of mention (see `TOKENS`). */
function tokenCodeOf(kind: Mention["kind"]): number {
  switch (kind) {
    case "person":
      return PERSON_CODE;
    case "place":
      return PLACE_CODE;
    case "polity":
      return POLITY_CODE;
    case "office":
      return OFFICE_CODE;
    default:
      return QUANTITY_CODE;
  }
}

const PERSON_CODE = TOKENS.person.charCodeAt(0);
const PLACE_CODE = TOKENS.place.charCodeAt(0);
const POLITY_CODE = TOKENS.polity.charCodeAt(0);
const OFFICE_CODE = TOKENS.office.charCodeAt(0);
const QUANTITY_CODE = TOKENS.quantity.charCodeAt(0);
/** How many code units `SentenceBuilder` passes to `String.fromCharCode` at once. */
const MAX_CODES_AT_ONCE = 4096;

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
  /** Characters one of which the sentence must contain for the pattern to be tried (a fast filter). */
  triggers: string;
  /**
   * Characters the pattern itself reads besides its trigger: each string lists characters one of
   * which must stand in the tagged sentence for the pattern to be tried (`["所執擒"]`: the
   * `為…所敗` or `執` of a raid repulsed). A faster filter than the pattern, never a different one.
   */
  requires?: readonly string[];
  /**
   * A pattern (with the placeholders of `pattern`) that every match of `pattern` holds a match
   * of, tested on the tagged sentence before it: for a pattern whose lazy repetitions make a
   * failed search long in long sentences. A faster filter than the pattern, never a different one.
   */
  contains?: string;
  /**
   * Kinds of mention the sentence must hold for the pattern to be tried: each string lists
   * tokens (`P`, `L`, `S`, `O`, `Q`) one of which must occur (`["P", "SL"]`: a person, and a polity or place).
   */
  needs: readonly string[];
  /** A regular expression over the tagged sentence, with `{P}`, `{L}`, `{S}`, `{O}`, `{Q}`, `{A}`, `{Ps}`, `{Ls}`, `{N}`. */
  pattern: string;
  /** How many role values an event needs to be kept (default 2: one participant and one more). */
  minimum?: number;
  /** Fills the roles; empty roles are dropped. */
  roles(m: RuleMatch): Record<string, EventRole[]>;
}

const value = (text: string): EventRole[] => [{ ref: null, text, start: null, end: null }];
const or = (...choices: EventRole[][]): EventRole[] => choices.find((c) => c.length > 0) ?? [];
const ACTORS = ["person", "polity"];
/** The kinds of mention whose records name a state (see `RuleMatch.stateOf`). */
const STATE_KINDS = ["place", "person", "office"];
const PLACES = ["place"];

/** The event patterns, tried in order; a later pattern does not take a clause an earlier one read as a conflicting type. */
export const EVENT_RULES: readonly EventRule[] = [
  {
    name: "embassy-come",
    triggers: "遣",
    requires: ["來"],
    needs: ["P"],
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
    triggers: "遣",
    requires: ["歸還"],
    needs: ["PS"],
    type: "embassy",
    pattern: "(?<sender>{Subj})(?:亦)?遣(?:使以)?(?<purpose>{N}*?)(?:歸|還)(?<receiver>{S})?之?",
    roles: (m) => {
      const sender = m.group("sender");
      return { sender, receiver: or(m.group("receiver"), m.counterpart(sender)), purpose: m.text("purpose") };
    },
  },
  {
    name: "envoy-to-place",
    triggers: "使",
    needs: ["P", "L"],
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
    triggers: "遣使",
    requires: ["如至詣往報赴於"],
    needs: ["SL"],
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
    triggers: "遣",
    requires: ["充"],
    needs: ["P", "O"],
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
    triggers: "遣",
    requires: ["致報告諭議賀弔謝求乞請問索讓"],
    needs: ["P"],
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
    triggers: "侵寇犯掠",
    requires: ["所執擒"],
    contains: "[侵寇犯掠][^。；：「」]*所[執擒獲敗破]|{P}誘?[執擒]",
    needs: ["PS"],
    type: "raid",
    pattern:
      "(?<attacker>(?:{O}、?)*{P}|{S})?{N}{0,8}?(?:侵掠|侵|寇|犯|掠)(?<defender>{S})?(?<target>{Ls})?{N}{0,24}?，?(?:為(?<captor>{N}{0,16}?)所(?<verb>執|擒|獲|敗|破)|(?<captor2>{S}?(?:{O}、?)*{P})誘?(?<verb2>執|擒))",
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
    triggers: "來",
    requires: ["戰", "於"],
    needs: ["PS", "L"],
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
    triggers: "襲攻",
    requires: ["反", "所"],
    needs: ["S"],
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
    triggers: "爭",
    requires: ["兵", "之"],
    needs: [],
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
    triggers: "攻襲擊",
    needs: [],
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
    triggers: "入",
    requires: ["寨營"],
    needs: ["P"],
    type: "raid",
    pattern: "(?<attacker>{Subj})?入(?:{O}、?)*(?<target>{P})(?:寨|營)",
    roles: (m) => ({ attacker: or(m.group("attacker"), m.subject()), target: m.group("target") }),
  },
  {
    name: "siege",
    triggers: "圍",
    needs: ["L"],
    type: "siege",
    pattern: "(?<attacker>{Subj})?(?:復)?(?:以兵)?圍(?<target>{Ls})",
    roles: (m) => ({ attacker: or(m.group("attacker"), m.subject()), target: m.group("target", PLACES) }),
  },
  {
    name: "battle-with",
    triggers: "戰",
    requires: ["與"],
    needs: ["PS"],
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
    triggers: "侵寇犯掠討伐",
    needs: [],
    type: "raid",
    pattern:
      "(?<attacker>{Subj})?(?:復|又|遂)?(?:以兵|縱兵|引兵|率兵|發兵)?(?:(?:入寇|侵掠|侵|寇|犯|掠)(?<defender>{S}(?={L}))?(?<target>{Ls}|{S})|(?<come>來討|來伐))",
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
    triggers: "封冊",
    requires: ["為"],
    needs: ["O"],
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
    triggers: "召以命令除拜授",
    needs: ["P", "O"],
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
    triggers: "為爲充",
    needs: ["P", "O"],
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
    triggers: "誓",
    requires: ["上進賜頒入"],
    needs: [],
    type: "oath",
    pattern: "(?<giver>{Subj})?(?:上|進|賜|頒|入請)(?<receiver>{P}|{S})?誓(?:表|詔|書)",
    roles: (m) => {
      const giver = or(m.group("giver"), m.subject());
      return { parties: [...giver, ...or(m.group("receiver"), m.sentencePolities(giver))] };
    },
  },
  {
    name: "peace",
    triggers: "與",
    requires: ["平盟約"],
    needs: ["S"],
    type: "peace",
    pattern: "(?<![議請欲求])與(?<party>{S})(?:平|盟|約和)",
    roles: (m) => ({ parties: [...m.subject(), ...m.group("party")] }),
  },
  {
    name: "gift",
    triggers: "賜遺",
    needs: ["Q"],
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
    triggers: "獻進貢",
    needs: [],
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
    triggers: "為",
    requires: ["建置改升"],
    needs: ["L"],
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
    triggers: "於",
    requires: ["鑿置築建修"],
    needs: ["L"],
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
    triggers: "城築建置",
    needs: ["L"],
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
    triggers: "叛",
    requires: ["降附歸"],
    needs: ["S"],
    type: "defection",
    pattern: "^(?<who>[^。]*?)皆?叛(?<from>{S})(?<to>{S})?(?:來附|來降|降|附|歸)",
    roles: (m) => {
      const from = m.group("from");
      return { who: m.group("who"), from, to: or(m.group("to"), m.counterpart(from)) };
    },
  },
  {
    name: "defection-inner",
    triggers: "內",
    requires: ["降附"],
    needs: ["P"],
    type: "defection",
    pattern: "(?<who>{P})內(?:降|附)",
    roles: (m) => ({ who: m.group("who"), from: m.stateOf("who") }),
  },
  {
    name: "submission",
    triggers: "降",
    requires: ["請乞詣來"],
    contains: "[請乞詣來]降",
    needs: [],
    type: "submission",
    pattern: "(?<who>{Subj})?{N}{0,8}?(?:請降|乞降|詣降|來降)(?:於(?<to>{S}))?",
    roles: (m) => {
      const who = or(m.group("who"), m.subject());
      return { who, to: or(m.group("to"), m.sentencePolities(who)) };
    },
  },
  {
    name: "killed",
    triggers: "殺誅",
    needs: ["P"],
    type: "death",
    pattern:
      "(?<by>{Subj})?(?:既|遂|乃)?(?<![欲謀將議])(?:殺|誅)(?<person>(?:{S}?{N}{0,4}?(?:{O}、?)*{P}、?)+)",
    roles: (m) => ({ person: m.group("person", ["person"]), by: or(m.group("by"), m.subject()) }),
  },
  {
    name: "death",
    triggers: "卒死薨殂崩",
    needs: ["P"],
    type: "death",
    pattern: "(?<person>{P})(?:卒|死|薨|殂|崩)",
    minimum: 1,
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

const OFFICE_TOKEN_CODE = TOKENS.office.charCodeAt(0);
const ENUMERATION_CODE = "、".charCodeAt(0);
/** Words that may open a clause before its subject (`時元昊…`, `至是党項…`). */
const OPENER_WORDS = [
  "時",
  "初",
  "至是",
  "是時",
  "既而",
  "又",
  "乃",
  "遂",
  "且",
  "然",
  "及",
  "會",
  "先是",
  "故",
  "後",
  "而",
];
const OPENERS = new RegExp(`^(?:${OPENER_WORDS.join("|")})*$`);

/** `（`, which opens an inline note. */
const LEFT_PAREN_CODE = "（".charCodeAt(0);
/** Classes of code units in `CHAR_CLASS`: bits that may be combined. */
const SENTENCE_END = 1;
const CLAUSE_END = 2;
/** `執` and `放` (captures, releases), read by `attachCaptures` besides the rules. */
const ATTACH = 4;
/** The first character of a word of `OPENER_WORDS`. */
const OPENER_START = 8;
/**
 * A trigger or required character of some rule: only these are looked up in the (much larger)
 * tables `CompiledRules.triggers` and `requireBits`.
 */
const RULE_CHAR = 16;
/** For each UTF-16 code unit, its classes (`SENTENCE_END`, `CLAUSE_END`, `ATTACH`, `OPENER_START`, `RULE_CHAR`). */
const CHAR_CLASS = (() => {
  const table = new Uint8Array(0x10000);
  for (const [chars, bit] of [
    ["。；！？", SENTENCE_END],
    ["，：「」", CLAUSE_END],
    ["執放", ATTACH],
    [OPENER_WORDS.map((w) => w[0]).join(""), OPENER_START],
    [EVENT_RULES.map((rule) => rule.triggers + (rule.requires ?? []).join("")).join(""), RULE_CHAR],
  ] as const)
    for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)]! |= bit;
  return table;
})();

/** True when `text[from…to)` is nothing but words that may open a clause (or nothing at all). */
function opensClause(text: string, from: number, to: number): boolean {
  if (from === to) return true;
  // Most clauses fail on their first character (`遣…`): no slice to test.
  if ((CHAR_CLASS[text.charCodeAt(from)]! & OPENER_START) === 0) return false;
  return OPENERS.test(text.slice(from, to));
}

const NO_SPANS: readonly Span[] = [];
/** `present` of a sentence whose rules are tried whatever characters it holds. */
const ALL_PRESENT = -1;

/** Receives the sentences of a segment in order, as they are tagged. */
interface SentenceReader {
  /** A tagged sentence (the object is rebuilt for the next one). */
  read(sentence: TaggedSentence): void;
  /** A sentence no rule can read, by its first clause-opening actor. */
  skip(opener: EntityMention | null): void;
}

/** Builds the tagged sentences of a segment, run by run, and hands each to a reader. */
class SentenceBuilder {
  readonly sentence = new TaggedSentence();
  /** The sentences handed over in the current segment. */
  delivered = 0;
  private paragraphSubject: EntityMention | null = null;
  private segment!: Segment;
  private reader!: SentenceReader;
  /** True while a sentence is being built. */
  private building = false;
  /**
   * The code units of the current sentence so far, `length` of them: the sentence's text is made
   * from them in one piece when it closes (pieces joined by `+` leave a string for every piece and
   * every join, and the regular expressions would flatten the result once more).
   */
  private readonly codes: number[] = [];
  private length = 0;
  /**
   * Where the plain text of the current clause starts in the segment (-1 once a token stands in
   * the clause), where its last plain run ended, and its text before any inline note skipped in it.
   */
  private clauseFrom = 0;
  private clauseTo = 0;
  private clauseHead = "";

  constructor(
    private readonly triggers: Uint32Array,
    private readonly requireBits: Uint32Array,
  ) {}

  /** Starts a segment. */
  begin(segment: Segment, reader: SentenceReader): void {
    this.segment = segment;
    this.reader = reader;
    this.delivered = 0;
    this.paragraphSubject = null;
    this.building = false;
  }

  private open(at: number): void {
    this.building = true;
    this.length = 0;
    this.clauseFrom = at;
    this.clauseTo = at;
    this.clauseHead = "";
    const s = this.sentence;
    s.text = "";
    s.runs = 0;
    s.start = this.segment.start + at;
    s.end = s.start;
    s.openers = 0;
    s.kinds = 0;
    s.rules = 0;
    s.present = 0;
    s.attach = false;
  }

  /** Adds the plain characters `from`…`to` of the segment, closing sentences at their ends. */
  plain(from: number, to: number): void {
    const { text, start: base } = this.segment;
    const { triggers, requireBits, sentence } = this;
    let i = from;
    while (i < to) {
      if (!this.building) this.open(i);
      let j = i;
      let ended = false;
      let clauseFrom = -1;
      let rules = 0;
      let present = 0;
      let classes = 0;
      const { codes } = this;
      let length = this.length;
      const runAt = length;
      while (j < to) {
        const code = text.charCodeAt(j++);
        codes[length++] = code;
        const kind = CHAR_CLASS[code]!;
        if (kind === 0) continue;
        classes |= kind;
        if (kind & RULE_CHAR) {
          rules |= triggers[code]!;
          present |= requireBits[code]!;
        }
        if (kind & CLAUSE_END) clauseFrom = j;
        if (kind & SENTENCE_END) {
          ended = true;
          break;
        }
      }
      sentence.rules |= rules;
      sentence.present |= present;
      if (classes & ATTACH) sentence.attach = true;
      const n = sentence.runs++;
      sentence.runAt[n] = runAt;
      sentence.runStart[n] = base + i;
      sentence.runMention[n] = null;
      this.length = length;
      sentence.end = base + j;
      if (clauseFrom !== -1) {
        this.clauseFrom = clauseFrom;
        this.clauseHead = "";
      } else if (this.clauseFrom !== -1 && i !== this.clauseTo) {
        // An inline note was skipped inside the clause: its text so far is kept.
        this.clauseHead += text.slice(this.clauseFrom, this.clauseTo);
        this.clauseFrom = i;
      }
      this.clauseTo = j;
      if (ended) this.close();
      i = j;
    }
  }

  /** Adds a mention as one token. */
  token(m: Mention): void {
    if (!this.building) this.open(m.start - this.segment.start);
    const s = this.sentence;
    const at = this.length;
    // A token in the clause before this one cannot be an opener word.
    if ((m.kind === "person" || m.kind === "polity") && this.clauseFrom !== -1 && this.opening()) {
      s.openerAt[s.openers] = at;
      s.openerMention[s.openers++] = m as EntityMention;
    }
    s.kinds |= kindBit(m.kind);
    const n = s.runs++;
    s.runAt[n] = at;
    s.runStart[n] = m.start;
    s.runMention[n] = m;
    this.codes[this.length++] = tokenCodeOf(m.kind);
    this.clauseFrom = -1;
    s.end = m.end;
  }

  /** True when the plain text of the current clause is only opener words. */
  private opening(): boolean {
    const { text } = this.segment;
    if (this.clauseHead === "") return opensClause(text, this.clauseFrom, this.clauseTo);
    return OPENERS.test(this.clauseHead + text.slice(this.clauseFrom, this.clauseTo));
  }

  private close(): void {
    if (!this.building) return;
    this.building = false;
    const s = this.sentence;
    s.text = this.joined();
    if (this.delivered++ === 0) this.paragraphSubject = s.openers > 0 ? s.openerMention[0]! : null;
    s.paragraphSubject = this.paragraphSubject;
    this.reader.read(s);
  }

  /** The text of the code units gathered (`String.fromCharCode` takes a bounded number of arguments: long sentences in pieces). */
  private joined(): string {
    const { codes, length } = this;
    if (codes.length !== length) codes.length = length;
    if (length <= MAX_CODES_AT_ONCE) return String.fromCharCode.apply(null, codes);
    let out = "";
    for (let k = 0; k < length; k += MAX_CODES_AT_ONCE)
      out += String.fromCharCode.apply(null, codes.slice(k, k + MAX_CODES_AT_ONCE));
    return out;
  }

  /** Tags the sentence `from`…`to`: its plain runs and its mentions `top[first…last)`, skipping inline notes. */
  tag(
    from: number,
    to: number,
    top: readonly Mention[],
    first: number,
    last: number,
    notes: readonly Span[],
  ): void {
    const base = this.segment.start;
    let i = from;
    let note = 0;
    while (note < notes.length && notes[note]!.end <= from) note++;
    for (let k = first; k <= last; k++) {
      const m = k < last ? top[k]! : undefined;
      const next = m === undefined ? to : m.start - base;
      while (i < next) {
        while (note < notes.length && notes[note]!.end <= i) note++;
        const x = note < notes.length ? notes[note] : undefined;
        if (x && x.start < next) {
          this.plain(i, Math.max(i, x.start));
          i = Math.max(i, x.end);
          continue;
        }
        this.plain(i, next);
        i = next;
      }
      if (m === undefined) break;
      this.token(m);
      i = m.end - base;
    }
    this.close();
  }

  /** Hands over a sentence no rule can read: only its first opening actor. */
  untagged(opener: EntityMention | null): void {
    this.close();
    if (this.delivered++ === 0) this.paragraphSubject = opener;
    this.reader.skip(opener);
  }
}

/** The outermost mentions of the segment `tagSegment` reads (one list: segments are read one at a time, and it is emptied after each). */
const OUTERMOST: Mention[] = [];

/**
 * Tags the sentences of a segment and hands them to the builder's reader in order. A sentence
 * that no rule can read (none of its characters is a trigger, it lacks the kinds of mention the
 * rules need, or the characters their patterns require) is not tagged: it hands over only its
 * first clause-opening actor, the default subject of the sentences after it.
 */
function tagSegment(
  segment: Segment,
  mentions: readonly Mention[],
  compiled: CompiledRules,
  builder: SentenceBuilder,
): void {
  const { text, start: base } = segment;
  const { triggers, requireBits } = compiled;
  const notes =
    segment.excluded.length === 0
      ? NO_SPANS
      : segment.excluded.filter((x) => text.charCodeAt(x.start) === LEFT_PAREN_CODE);
  // The outermost mentions only (an office's inner place is read through the office); the
  // mentions come ordered by start, longest first.
  const outermost = OUTERMOST;
  outermost.length = 0;
  let reach = -1;
  for (const m of mentions) {
    if (m.start < reach) continue;
    outermost.push(m);
    reach = m.end;
  }
  const topCount = outermost.length;
  const headline = segment.field === "headline";
  let k = 0;
  let note = 0;
  let pos = 0;
  while (pos < text.length) {
    // The sentence: up to and including the next sentence end outside an inline note, with the
    // rules its characters trigger, the groups of required characters and their classes (inline
    // notes included), and whether it holds a note.
    let end = pos;
    let rules = 0;
    let present = 0;
    let classes = 0;
    let noted = false;
    scan: while (end < text.length) {
      while (note < notes.length && notes[note]!.end <= end) note++;
      const x = note < notes.length ? notes[note] : undefined;
      if (x && x.start <= end) {
        noted = true;
        for (; end < x.end; end++) {
          const code = text.charCodeAt(end);
          const bits = CHAR_CLASS[code]!;
          classes |= bits;
          if (bits & RULE_CHAR) rules |= triggers[code]!;
        }
        continue;
      }
      const limit = x ? x.start : text.length;
      while (end < limit) {
        const code = text.charCodeAt(end++);
        const bits = CHAR_CLASS[code]!;
        if (bits === 0) continue;
        classes |= bits;
        if (bits & RULE_CHAR) {
          rules |= triggers[code]!;
          present |= requireBits[code]!;
        }
        if (bits & SENTENCE_END) break scan;
      }
    }
    let last = k;
    let kinds = 0;
    while (last < topCount && outermost[last]!.start - base < end) kinds |= kindBit(outermost[last++]!.kind);
    // The headline's first sentence gives its subject, and an untagged sentence's opener is read
    // over its notes: both are tagged whatever characters the patterns require.
    if (noted || (headline && builder.delivered === 0)) present = ALL_PRESENT;
    if (readable(kinds, rules, classes, present, compiled)) builder.tag(pos, end, outermost, k, last, notes);
    else builder.untagged(firstOpener(text, base, pos, outermost, k, last));
    k = last;
    pos = end;
  }
  outermost.length = 0;
}

/**
 * True when some rule may match a sentence, from the kinds of mention it holds and the rules,
 * groups of required characters and classes of its characters: a rule's trigger with the kinds of
 * mention and the characters it needs, or a capture or release beside a person.
 */
function readable(
  kinds: number,
  rules: number,
  classes: number,
  present: number,
  compiled: CompiledRules,
): boolean {
  if (kinds === 0) return false;
  if (classes & ATTACH && kinds & KIND_BITS.P!) return true;
  for (let rest = rules & compiled.byKinds[kinds]!; rest !== 0; rest &= rest - 1) {
    const { requires } = compiled.rules[lowestBit(rest)]!;
    if ((present & requires) === requires) return true;
  }
  return false;
}

/** The index of the lowest bit set in `bits` (not 0). */
function lowestBit(bits: number): number {
  return 31 - Math.clz32(bits & -bits);
}

/** The first actor that opens a clause of the sentence `from`…`to`, read from the raw text. */
function firstOpener(
  text: string,
  base: number,
  from: number,
  top: readonly Mention[],
  first: number,
  last: number,
): EntityMention | null {
  let clauseStart = from;
  let scanned = from;
  let previousEnd = from;
  for (let k = first; k < last; k++) {
    const m = top[k]!;
    const at = m.start - base;
    for (; scanned < at; scanned++)
      if (CHAR_CLASS[text.charCodeAt(scanned)]! & CLAUSE_END) clauseStart = scanned + 1;
    if (
      (m.kind === "person" || m.kind === "polity") &&
      previousEnd <= clauseStart &&
      opensClause(text, clauseStart, at)
    )
      return m as EntityMention;
    previousEnd = m.end - base;
    scanned = Math.max(scanned, previousEnd);
  }
  return null;
}

function roleOf(m: Mention): EventRole {
  return { ref: m.ref, text: m.text, start: m.start, end: m.end };
}

const NO_ROLES: readonly EventRole[] = [];
const NO_INDICES: readonly ([number, number] | undefined)[] = [];
const NO_MENTIONS: readonly Mention[] = [];
const NO_GROUPS: Readonly<Record<string, number>> = {};

/** What a match can read: its sentence, its segment and the entry's defaults. */
interface MatchScope {
  sentence: TaggedSentence;
  segment: Segment;
  /** The mentions of the segment. */
  own: readonly Mention[];
  /** The first actors of the earlier sentences of the paragraph, in order (read latest first). */
  earlier: readonly EntityMention[];
  headlineSubject: EventRole[];
  headlineMentions: readonly Mention[];
  chronicle: EventRole[];
  dictionary: NameDictionary;
}

/** The state (as a polity id) an entity belongs to: a polity itself, else its record's state. */
function stateOfRef(dictionary: NameDictionary, ref: string | null): string | null {
  if (ref === null) return null;
  const record = dictionary.records.get(ref);
  if (!record) return null;
  if (record.kind === "polity") return record.id;
  const state = "state" in record ? record.state : null;
  return state === null ? null : (dictionary.polityOfState.get(state) ?? null);
}

/** The matches of rules, as their roles functions see them: one object, moved to each match in turn. */
class Match implements RuleMatch {
  private at = 0;
  private indices: readonly ([number, number] | undefined)[] = NO_INDICES;
  private groups: Readonly<Record<string, number>> = NO_GROUPS;

  constructor(private readonly scope: MatchScope) {}

  /** Moves to a match at `at` of the scope's sentence. */
  reset(
    at: number,
    indices: readonly ([number, number] | undefined)[],
    groups: Readonly<Record<string, number>>,
  ): this {
    this.at = at;
    this.indices = indices;
    this.groups = groups;
    return this;
  }

  private range(name: string): [number, number] | null {
    const n = this.groups[name];
    if (n === undefined) return null;
    const r = this.indices[n];
    return r && r[1] > r[0] ? r : null;
  }

  private state(ref: string | null): string | null {
    return stateOfRef(this.scope.dictionary, ref);
  }

  /** True when the entity does not belong to one of the `excluded` states (none excluded: always). */
  private allowed(excluded: readonly (string | null)[], ref: string | null): boolean {
    return excluded.length === 0 || !excluded.includes(this.state(ref)!);
  }

  /** The states of `roles` (`null` for those that have none), for `allowed` and `otherParty`. */
  private states(roles: readonly EventRole[]): (string | null)[] {
    const out: (string | null)[] = [];
    for (let k = 0; k < roles.length; k++) out.push(this.state(roles[k]!.ref));
    return out;
  }

  group(name: string, kinds: readonly string[] = ACTORS): EventRole[] {
    const r = this.range(name);
    if (!r) return [];
    const { sentence, own } = this.scope;
    const { runAt, runMention, runs } = sentence;
    const first = sentence.runOf(r[0]);
    const out: EventRole[] = [];
    for (let k = first; k < runs && runAt[k]! < r[1]; k++) {
      const m = runMention[k]!;
      if (m !== null && kinds.includes(m.kind)) out.push(roleOf(m));
    }
    // Places inside an office (`知慶州` → 慶州) count for place roles.
    if (kinds.includes("place"))
      for (let k = first; k < runs && runAt[k]! < r[1]; k++) {
        const m = runMention[k]!;
        if (m?.kind === "office" && "place" in m && m.place) {
          let inner: Mention | undefined;
          for (const x of own)
            if (x.kind === "place" && x.start >= m.start && x.end <= m.end) {
              inner = x;
              break;
            }
          out.push(inner ? roleOf(inner) : { ref: m.place, text: m.text, start: m.start, end: m.end });
        }
      }
    return out;
  }

  text(name: string): EventRole[] {
    const r = this.range(name);
    if (!r) return [];
    const { sentence, segment } = this.scope;
    let [a, b] = r;
    while (a < b && TRIM_START.test(sentence.text[a]!)) a++;
    while (b > a && TRIM_END.test(sentence.text[b - 1]!)) b--;
    if (b <= a) return [];
    const start = sentence.startAt(a);
    const end = sentence.endAt(b - 1);
    return [{ ref: null, text: segment.text.slice(start - segment.start, end - segment.start), start, end }];
  }

  has(name: string): boolean {
    return this.range(name) !== null;
  }

  subject(exclude: readonly EventRole[] = NO_ROLES): EventRole[] {
    // The states excluded: usually none or one, so a list.
    const excluded: string[] = [];
    for (const e of exclude) {
      const state = this.state(e.ref);
      if (state !== null) excluded.push(state);
    }
    const { sentence, segment, earlier, headlineSubject, chronicle } = this.scope;
    // The actors opening clauses before the match: the nearest, the first, then the others nearest first.
    const { openerAt, openerMention, openers } = sentence;
    let before = 0;
    while (before < openers && openerAt[before]! < this.at) before++;
    if (before > 0) {
      const last = openerMention[before - 1]!;
      if (this.allowed(excluded, last.ref)) return [roleOf(last)];
      if (before > 1) {
        const first = openerMention[0]!;
        if (this.allowed(excluded, first.ref)) return [roleOf(first)];
        for (let k = before - 2; k >= 1; k--) {
          const m = openerMention[k]!;
          if (this.allowed(excluded, m.ref)) return [roleOf(m)];
        }
      }
    }
    for (let k = earlier.length - 1; k >= 0; k--)
      if (this.allowed(excluded, earlier[k]!.ref)) return [roleOf(earlier[k]!)];
    const paragraph = sentence.paragraphSubject;
    if (segment.field !== "headline" && paragraph && this.allowed(excluded, paragraph.ref))
      return [roleOf(paragraph)];
    if (headlineSubject.length > 0 && this.allowed(excluded, headlineSubject[0]!.ref)) return headlineSubject;
    if (chronicle.length > 0 && this.allowed(excluded, chronicle[0]!.ref)) return chronicle;
    return [];
  }

  chronicle(): EventRole[] {
    return this.scope.chronicle;
  }

  counterpart(side: readonly EventRole[]): EventRole[] {
    const { chronicle } = this.scope;
    if (chronicle.length === 0 || side.length === 0) return [];
    const own = chronicle[0]!.ref;
    for (const s of side) if (this.state(s.ref) === own) return [];
    return chronicle;
  }

  stateOf(name: string): EventRole[] {
    const out: EventRole[] = [];
    for (const role of this.group(name, STATE_KINDS)) {
      const state = this.state(role.ref);
      if (state && !out.some((o) => o.ref === state))
        out.push({
          ref: state,
          text: this.scope.dictionary.records.get(state)?.name ?? "",
          start: null,
          end: null,
        });
    }
    return out;
  }

  sentence(pattern: RegExp): boolean {
    const { sentence, segment } = this.scope;
    return pattern.test(segment.text.slice(sentence.start - segment.start, sentence.end - segment.start));
  }

  otherParty(side: readonly EventRole[]): EventRole[] {
    const skip = this.states(side);
    const found = this.sentencePolity(skip);
    if (found) return [roleOf(found)];
    for (const m of this.scope.headlineMentions)
      if (m.kind === "polity" && !skip.includes(m.ref)) return [roleOf(m)];
    return this.counterpart(side);
  }

  sentencePolities(exclude: readonly EventRole[]): EventRole[] {
    const found = this.sentencePolity(this.states(exclude));
    return found ? [roleOf(found)] : [];
  }

  /** The first polity of the sentence whose id is not one of `skip`. */
  private sentencePolity(skip: readonly (string | null)[]): Mention | null {
    const { runMention, runs } = this.scope.sentence;
    for (let k = 0; k < runs; k++) {
      const m = runMention[k]!;
      if (m !== null && m.kind === "polity" && !skip.includes(m.ref)) return m;
    }
    return null;
  }
}

const TRIM_START = /[，、：\s]/u;
const TRIM_END = /[，、：。\s]/u;

/** Context of the event reading of one entry. */
export interface EventContext {
  dictionary: NameDictionary;
  /** The polity whose chronicle it is (from the year heading), if known. */
  chronicleState: string | null;
}

/** A part of a sentence an event took, and the event's type. */
interface Taken {
  start: number;
  end: number;
  type: EventType;
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
  dictionary!: NameDictionary;
  private sentences = 0;
  /** The parts of the current sentence events took. */
  private readonly taken: Taken[] = [];
  private readonly match = new Match(this);

  constructor(private readonly compiled: CompiledRules) {}

  /** Starts an entry. */
  beginEntry(chronicle: EventRole[], headlineMentions: readonly Mention[], dictionary: NameDictionary): void {
    this.events.length = 0;
    this.chronicle = chronicle;
    this.headlineSubject = chronicle;
    this.headlineMentions = headlineMentions;
    this.dictionary = dictionary;
  }

  /** Lets go of the entry's objects. */
  endEntry(): void {
    this.events.length = 0;
    this.own = NO_MENTIONS;
    this.earlier = [];
    this.headlineMentions = NO_MENTIONS;
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
    if (taken.length > 0) taken.length = 0;
    const { rules, kinds, present, text } = sentence;
    // The rules triggered whose needs the kinds of token meet, in order.
    for (let rest = rules & compiled.byKinds[kinds]!; rest !== 0; rest &= rest - 1) {
      const { rule, regex, groups, requires, conflicts, minimum, contains } =
        compiled.rules[lowestBit(rest)]!;
      if ((present & requires) !== requires) continue;
      if (contains !== null && !contains.test(text)) continue;
      regex.lastIndex = 0;
      for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
        const ms = match.index;
        const me = ms + match[0].length;
        if (me === ms) {
          regex.lastIndex++;
          continue;
        }
        if (overlapsTaken(taken, ms, me, rule.type, conflicts)) continue;
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
        taken.push({ start: ms, end: me, type: rule.type });
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
        if (code !== OFFICE_TOKEN_CODE && code !== ENUMERATION_CODE) return;
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
 * @returns the events, headline first, each with the rule that produced it
 */
export function eventsOfEntry(
  _entry: Entry,
  segments: readonly Segment[],
  mentions: readonly Mention[],
  context: EventContext,
): ChronicleEvent[] {
  const chronicle = chronicleRoles(context.dictionary, context.chronicleState);
  const headlineMentions = mentionsOf(mentions, "headline");
  const compiled = compiledRules();
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

/** True when an event of the same or a conflicting type already took part of `start`…`end`. */
function overlapsTaken(
  taken: readonly Taken[],
  start: number,
  end: number,
  type: EventType,
  conflicts: ReadonlySet<EventType> | undefined,
): boolean {
  for (const t of taken)
    if (t.start < end && start < t.end && (t.type === type || conflicts?.has(t.type))) return true;
  return false;
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
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const index = match.indices![1]![0];
    const r = sentence.runOf(index);
    const m = sentence.runAt[r] === index ? sentence.runMention[r]! : null;
    let event: ChronicleEvent | undefined;
    for (let k = events.length - 1; k >= 0; k--) {
      const e = events[k]!;
      if (e.field === field && types.includes(e.type)) {
        event = e;
        break;
      }
    }
    if (!m || !event || event.roles[role]?.some((r) => r.ref === m.ref)) continue;
    const list = event.roles[role] ?? [];
    list.push(roleOf(m));
    event.roles[role] = list;
  }
}

interface CompiledRule extends CompiledPattern {
  rule: EventRule;
  /** The bits of `CompiledRules.requireBits` the rule's `requires` groups stand for: all must be present. */
  requires: number;
  /** The types an event of the rule may not share a clause with, besides its own (see `CONFLICTS`). */
  conflicts: ReadonlySet<EventType> | undefined;
  /** `rule.minimum` with its default. */
  minimum: number;
  /** `rule.contains` compiled, or `null`. */
  contains: RegExp | null;
}

/** The rule table ready for matching. */
interface CompiledRules {
  rules: readonly CompiledRule[];
  /** For each bit set of `KIND_BITS`, the bit set of the rules (by index) whose `needs` those kinds meet. */
  byKinds: Uint32Array;
  /** For each UTF-16 code unit, the bit set of the rules (by index) it triggers. */
  triggers: Uint32Array;
  /** For each UTF-16 code unit, the bit set of the `requires` groups (numbered across all rules) it belongs to. */
  requireBits: Uint32Array;
}

/** The rule bits of `CompiledRules.triggers`, and the group bits of `requireBits`, are one 32-bit word. */
const MAX_RULES = 32;
const MAX_REQUIRE_GROUPS = 32;

let compiledCache: CompiledRules | undefined;
function compiledRules(): CompiledRules {
  if (compiledCache) return compiledCache;
  assert.ok(EVENT_RULES.length <= MAX_RULES, `expected at most ${MAX_RULES} event rules`);
  const triggers = new Uint32Array(0x10000);
  EVENT_RULES.forEach((rule, i) => {
    for (let k = 0; k < rule.triggers.length; k++) triggers[rule.triggers.charCodeAt(k)]! |= 1 << i;
  });
  const requireBits = new Uint32Array(0x10000);
  let group = 0;
  const requires = EVENT_RULES.map((rule) => {
    let bits = 0;
    for (const chars of rule.requires ?? []) {
      assert.ok(
        group < MAX_REQUIRE_GROUPS,
        `expected at most ${MAX_REQUIRE_GROUPS} groups of required characters`,
      );
      for (let k = 0; k < chars.length; k++) requireBits[chars.charCodeAt(k)]! |= 1 << group;
      bits |= 1 << group;
      group++;
    }
    return bits;
  });
  const needs = EVENT_RULES.map((rule) =>
    rule.needs.map((letters) => [...letters].reduce((bits, l) => bits | (KIND_BITS[l] ?? 0), 0)),
  );
  const byKinds = new Uint32Array(32);
  for (let kinds = 0; kinds < 32; kinds++)
    needs.forEach((bits, i) => {
      if (bits.every((b) => (b & kinds) !== 0)) byKinds[kinds]! |= 1 << i;
    });
  compiledCache = {
    rules: EVENT_RULES.map((rule, i) => ({
      rule,
      ...compile(rule.pattern),
      requires: requires[i]!,
      conflicts: CONFLICTS.get(rule.type),
      minimum: rule.minimum ?? 2,
      contains: rule.contains === undefined ? null : new RegExp(expand(rule.contains), "u"),
    })),
    byKinds,
    triggers,
    requireBits,
  };
  return compiledCache;
}

let readersCache: { reader: EventReader; builder: SentenceBuilder } | undefined;
/**
 * The sentence builder and the event reader, made once: their arrays are reused from sentence to
 * sentence and entry to entry (the reading of an entry is synchronous, so one of each serves).
 */
function readers(compiled: CompiledRules): { reader: EventReader; builder: SentenceBuilder } {
  readersCache ??= {
    reader: new EventReader(compiled),
    builder: new SentenceBuilder(compiled.triggers, compiled.requireBits),
  };
  return readersCache;
}

/** The kind of mention a token stands for (for tests and debugging). */
export function tokenKind(token: string): string | undefined {
  return TOKEN_KIND.get(token);
}
