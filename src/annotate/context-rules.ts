/**
 * Context rules: when an ambiguous alias (`契丹主`, `天子`, `本國`, `虜`, `賊` …) may be taken
 * for the entity the data records for it. Each rule has a name, reported in the mention's
 * `rule`; a sense that no rule accepts is not annotated, and its span is not annotated as
 * anything shorter either.
 */
import type { PersonRecord } from "./authority/index.ts";
import type { NameDictionary, NameSense } from "./dictionary.ts";
import { CLAUSE_BREAKS } from "./internal/chars.ts";
import type { Segment } from "./internal/segments.ts";

/** What a context rule can look at. */
export interface ContextFacts {
  dictionary: NameDictionary;
  segment: Segment;
  /** The candidate's range, relative to the segment. */
  start: number;
  end: number;
  /** The entry's Western year, when the dating stage gave one. */
  year: number | null;
  /** The state whose chronicle the document is (`宋` for 長編), if known. */
  state: string | null;
  /** The polity of whoever speaks the quotation the candidate stands in, if known. */
  speakerPolity: string | null;
}

/** A named context rule. */
export interface ContextRule {
  name: string;
  /** What the rule accepts, in a sentence (for documentation and `--help`). */
  description: string;
  accepts(sense: NameSense, facts: ContextFacts): boolean;
}

/** Characters after 虜 or 賊 that make it a verb (`虜掠`, `驅虜人畜`) rather than the enemy. */
const VERB_FOLLOWERS = new Set(["掠", "獲", "人", "其", "殺"]);

const atClauseStart = (facts: ContextFacts) => {
  const before = facts.segment.text[facts.start - 1];
  return before === undefined || CLAUSE_BREAKS.has(before);
};

const alive = (person: PersonRecord, year: number) =>
  (person.born === null || person.born <= year) &&
  (person.died === null || year <= person.died) &&
  (person.born !== null || person.died !== null);

/**
 * Before a temple name, the dynasty or state of another ruler of that name (`唐太宗`, `周太祖`,
 * `梁太祖`, `契丹太宗`, `夏國太祖`): the name is then that ruler's, not the chronicle's own.
 */
const OTHER_DYNASTY_BEFORE = new Set([..."唐周梁晉漢隋秦魏蜀吳遼夏金丹國"]);

/** The context rules, tried in order. */
export const CONTEXT_RULES: readonly ContextRule[] = [
  {
    name: "ruler-title-by-date",
    description:
      "a title or hostile designation of a ruler (契丹主, 宋帝, 天子, 陛下, 敵主, 太后) names the one person it is recorded for who was alive in the entry's year; a one-character title (帝) only at the start of a clause",
    accepts(sense, facts) {
      if (sense.kind !== "person" || (sense.form !== "title" && sense.form !== "pejorative")) return false;
      if (facts.year === null) return false;
      if (sense.chars === 1 && !atClauseStart(facts)) return false;
      const record = facts.dictionary.records.get(sense.id);
      return record?.kind === "person" && alive(record, facts.year);
    },
  },
  {
    name: "temple-name-of-state",
    description:
      "a temple name that several rulers bore (太祖, 太宗), or a dynasty's name for its founder (藝祖), names the ruler of the state whose chronicle the document is (宋太祖 in 長編), unless the name of another dynasty stands before it (唐太宗, 周太祖, 漢唐藝祖)",
    accepts(sense, facts) {
      if (
        sense.kind !== "person" ||
        (sense.form !== "temple" && sense.form !== "other") ||
        facts.state === null
      )
        return false;
      if (OTHER_DYNASTY_BEFORE.has(facts.segment.text[facts.start - 1] ?? "")) return false;
      const record = facts.dictionary.records.get(sense.id);
      return record?.kind === "person" && record.state === facts.state;
    },
  },
  {
    name: "speaker-self",
    description:
      "a speaker's word for his own state or court (本國, 本朝, 國家, 朝廷) inside a quotation names the state of the person quoted",
    accepts(sense, facts) {
      return (
        sense.kind === "polity" &&
        (sense.form === "self" || sense.form === "other") &&
        facts.speakerPolity !== null &&
        facts.speakerPolity === sense.id
      );
    },
  },
  {
    name: "enemy-in-speech",
    description:
      "a hostile word (虜, 賊) inside a quotation names the enemy state it is recorded for, when the person quoted belongs to another state and the word is not a verb (虜掠)",
    accepts(sense, facts) {
      return (
        sense.kind === "polity" &&
        sense.form === "pejorative" &&
        facts.speakerPolity !== null &&
        facts.speakerPolity !== sense.id &&
        !VERB_FOLLOWERS.has(facts.segment.text[facts.end] ?? "")
      );
    },
  },
];
