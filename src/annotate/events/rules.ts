/**
 * The rule table: the named event patterns, tried in order over each tagged sentence, each with
 * the type of event it reads, the cheap filters that decide whether it is tried at all, and the
 * function that fills the event's roles from the match.
 */
import type { EventRole, EventType } from "../types.ts";
import type { EventRule } from "./rule.ts";

/**
 * How far the optional ending of the `attack` pattern reads through a clause to the next
 * (`{N}{0,REACH}，契丹師大敗`): a bound, so that in a long run without punctuation, where a clause
 * has no end, each attack does not read to the end of the run. No clause of the bundled texts
 * comes near it.
 */
const REACH = 200;

const value = (text: string): EventRole[] => [{ ref: null, text, start: null, end: null }];
const or = (...choices: EventRole[][]): EventRole[] => choices.find((c) => c.length > 0) ?? [];
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
    pattern:
      "(?<sender>{Subj})(?:亦)?遣(?:(?:使以)?(?<purpose>{N}*?)(?:歸|還)(?<receiver>{S})?之?|(?<pass>{N}*))",
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
    contains: "所[執擒獲敗破]|{P}誘?[執擒]",
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
    pattern:
      "(?<attacker>{Subj})來(?:伐|討|攻|侵)(?:[^。]*?(?:拒戰|戰)於(?<place>{L})(?:，(?<lost>敗績))?|(?<pass>[^。]*))",
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
      "(?<attacker>{Subj})?(?:謀)?(?:襲|攻)(?:(?<defender>{S})?{N}*，反為(?<victor>{S})[人眾兵師]?所(?:乘|敗)|(?<pass>{N}*))",
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
    pattern: `(?<attacker>{Subj})?(?:親率兵|縱兵|率兵|以兵|乘勝)?(?:急)?(?:攻|襲|掩擊)(?<defender>{A})?(?:營|寨)?(?:{N}{0,${REACH}}，(?<loser>{S})[人眾兵師]?(?<lost>大敗|敗))?`,
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
      "(?<giver>{Subj})?(?:仍|又|凡)?(?:歲賜|賜|歲遺)(?:(?<receiver>{P}(?!{Q}))?(?<items>[^，。；「」]*?{Q}(?:、{Q})*)|(?<pass>[^，。；「」]*))",
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
      "(?<giver>{Subj})?(?:獻|進|貢)(?:(?<items>[^，。；「」於]*?)(?:於(?<receiver>{S})|(?<receiver2>{S})?(?=[，。；]|$))|(?<pass>[^，。；「」於]*))",
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
export const CONFLICTS: ReadonlyMap<EventType, ReadonlySet<EventType>> = new Map([
  ["appointment", new Set<EventType>(["investiture"])],
  ["submission", new Set<EventType>(["defection"])],
  ["embassy", new Set<EventType>(["embassy"])],
  ["battle", new Set<EventType>(["battle", "raid"])],
  ["raid", new Set<EventType>(["raid", "battle"])],
  ["construction", new Set<EventType>(["construction"])],
]);
