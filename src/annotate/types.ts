/**
 * What the annotation stage attaches to the tree: stand-off mentions over the original
 * characters (`start`/`end` are absolute offsets into the document text, in UTF-16 code units,
 * `end` exclusive) and typed events built from them.
 */
import type { AliasType } from "./authority/index.ts";

/** The kinds of entity a mention can name. */
export type EntityKind = "person" | "place" | "polity" | "office";

/** Where in an entry a mention stands: `headline`, `detail1`, `detail2` …, `note1` …. */
export type Field = string;

/** What every mention has: a range of the text and what it refers to. */
interface MentionBase {
  start: number;
  end: number;
  /** The characters of the range, as written. */
  text: string;
  /** `headline`, `detail1`… or `note1`… (editor's notes, numbered within the entry). */
  field: Field;
  /** The rule that produced the mention (`name`, `alias`, `short-form`, `office-name` …). */
  rule: string;
}

/** A name of a person, place, polity or office. */
export interface EntityMention extends MentionBase {
  kind: EntityKind;
  /** The authority id, or `person:provisional:NAME` for a person found only by a rule. */
  ref: string;
  /** How the text names the entity: `name` for its standard name, else the alias type. */
  form: "name" | AliasType | "pattern" | "derived-short";
  /** True for persons found by a rule and not in the authority. */
  provisional?: true;
  /** Other entities the same string could name, when the choice was not certain. */
  alternatives?: string[];
  /** For offices built on a place (`知慶州`, `保安軍判官`): the place's id. */
  place?: string;
}

/** An amount: `絹十萬匹`, `五百戶`, `二十五萬五千`. */
export interface QuantityMention extends MentionBase {
  kind: "quantity";
  /** The commodity when exactly one is counted, else the unit, else `null`. */
  ref: string | null;
  /** The whole expression as written (the same as `text`). */
  raw: string;
  /** The numeral as written: `十萬`, `十餘萬`. */
  numeral: string;
  /** The value; the lower bound when `approximate` (`十餘萬` → 100000). */
  amount: number;
  approximate: boolean;
  commodity: string | null;
  /** Every good named before the numeral, in order (`銀、綺、絹、茶二十五萬五千`). */
  commodities: string[];
  unit: string | null;
  /** The word counted as written (`絹`, `騎兵`, `歲賜`), or `null`. */
  noun: string | null;
}

/** Any mention. */
export type Mention = EntityMention | QuantityMention;

/** The types of event the annotator derives (declared once; the web app's filters read it too). */
export const EVENT_TYPES = [
  "embassy",
  "raid",
  "battle",
  "siege",
  "peace",
  "oath",
  "tribute",
  "gift",
  "investiture",
  "appointment",
  "death",
  "construction",
  "defection",
  "treaty",
  "submission",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One participant or circumstance of an event. */
export interface EventRole {
  /** The entity's id, or `null` for text that names no known entity (a purpose, an outcome). */
  ref: string | null;
  text: string;
  /** Where the text stands; `null` for a default (the chronicle's own state as sender). */
  start: number | null;
  end: number | null;
}

/** An event of an entry with its participants. */
export interface ChronicleEvent {
  type: EventType;
  /** The field the event was read from (`headline` first, else `detail1` …). */
  field: Field;
  /** The name of the rule that produced the event. */
  rule: string;
  /** The clause the rule matched. */
  start: number;
  end: number;
  text: string;
  /**
   * Participants and circumstances by role name: `sender`, `receiver`, `envoy`, `purpose`
   * (embassy); `attacker`, `defender`, `target`, `place`, `outcome` (`victory`/`defeat` from the
   * attacker's side), `victor`, `captured` (raid, battle, siege); `grantor`, `recipient`, `title`
   * (investiture); `appointer`, `person`, `office`, `place` (appointment); `giver`, `receiver`,
   * `items` (gift, tribute); `builder`, `place`, `what` (construction); `who`, `from`, `to`
   * (defection, submission); `person`, `by` (death); `parties` (peace, oath, treaty); `status`
   * (`offered`, `requested`).
   */
  roles: Record<string, EventRole[]>;
}

/** A person found only by a rule, kept for the whole document. */
export interface ProvisionalPerson {
  id: string;
  kind: "person";
  name: string;
  provisional: true;
  /** The rule that first found the name. */
  rule: string;
}

/** An alias the document itself gives: a variant reading (`訛疥（《長編》作鄂特結）`). */
export interface DocumentAlias {
  ref: string;
  name: string;
  type: AliasType;
  /** The source that has the reading, as the text names it (`《長編》`). */
  source: string;
}

/** What the annotation stage learned about the whole document. */
export interface DocumentAnnotation {
  provisional: ProvisionalPerson[];
  aliases: DocumentAlias[];
}

declare module "../parse/types.ts" {
  interface NodeData {
    /** Entries: the names, offices and quantities of headline, details and notes, in text order. */
    mentions?: Mention[];
    /** Entries: the events of the entry, headline first. */
    events?: ChronicleEvent[];
    /** The root: provisional persons and the aliases that the document's variant readings give. */
    annotation?: DocumentAnnotation;
  }
}
