/**
 * What the exporters take and what they share: a document as the pipeline leaves it (text, tree
 * and records) and the entity records the annotations point at.
 */
import type { ChronicleEvent, Mention } from "../annotate/types.ts";
import type { ChronicleTree } from "../parse/types.ts";

/** A mention of an entity: stand-off, with absolute offsets into the document text. */
export interface ExportMention {
  /** `person`, `place`, `polity`, `office`, or another kind the annotator uses. */
  kind: string;
  start: number;
  end: number;
  /** The characters the mention covers, as the annotator read them. */
  text: string;
  /** The entity's id (`person:fan-zhongyan`), or `null` when it is not resolved. */
  ref: string | null;
  /** The reader's correction that made it, when it is not the annotator's. */
  correction?: CorrectionStamp;
}

/** Who corrected an annotation, when and why (`CorrectionStamp` of the store's corrections layer). */
export interface CorrectionStamp {
  id: number;
  author: string;
  createdAt: string;
  reason: string;
}

/** A reader's correction of the annotations, as the TEI change log gives it. */
export interface ExportCorrection extends CorrectionStamp {
  /** `mention`, `event`, `role` or `date`; `add`, `remove` or `change`. */
  target: string;
  action: string;
  start: number;
  end: number;
  /** The characters the correction's span covered. */
  text: string;
  data: { kind?: string; ref?: string; type?: string; role?: string; reading?: string };
  /** `applied`, `orphaned` (its text changed) or `undone`. */
  status: string;
  undoneAt: string | null;
  undoneBy: string | null;
}

/** A role's value: an entity id or short text, or a list of them. */
export type RoleValue = string | readonly string[];

/** An event the annotator read from an entry. */
export interface ExportEvent {
  /** `embassy`, `battle`, `treaty`… */
  type: string;
  /** The rule that found it, when the annotator names one. */
  rule: string | null;
  /** Who or what took which part: `{sender: "polity:liao", envoy: ["person:…"], purpose: "議與宋和"}`. */
  roles: Readonly<Record<string, RoleValue>>;
  /** The reader's correction that made it, when it is not the annotator's. */
  correction?: CorrectionStamp;
}

/** The days an entry's date covers, as far as the exporters read them. */
export interface ExportDate {
  /** Julian Day Numbers of the first and last day. */
  jdn: { start: number; end: number };
  /** ISO dates of the first and last day, Julian and proleptic Gregorian. */
  julian: { start: string; end: string };
  gregorian: { start: string; end: string };
  /** Each state's reign date for the first day: `{ state: "北宋", label: "慶曆三年七月一日" }`. */
  concurrent: readonly { state: string; label: string }[];
}

/**
 * An entry record as far as the exporters read it: its id, the days its date covers when it was
 * dated, and the annotations it carries (the pipeline's records, or the store's).
 */
export interface AnnotatedRecord {
  id: string;
  date?: {
    jdn?: ExportDate["jdn"] | null | undefined;
    julian?: ExportDate["julian"] | null | undefined;
    gregorian?: ExportDate["gregorian"] | null | undefined;
    concurrent?: ExportDate["concurrent"] | undefined;
  };
  mentions?: readonly Mention[] | undefined;
  events?: readonly ChronicleEvent[] | undefined;
}

/**
 * One chronicle, as `readChronicle` (or the store) has it. Dates and annotations come from the
 * record of the same id or, when it has none, from the tree (`entry.data`).
 */
export interface ExportDocument {
  /** The document's name: its file name, or the path the store keeps. */
  name: string;
  /** The decoded text the tree's offsets count into. */
  text: string;
  tree: ChronicleTree;
  records?: readonly AnnotatedRecord[];
  /** SHA-256 of the file's bytes (default: of the text in UTF-8). */
  sha256?: string;
  /**
   * Only these entries (their ids in the tree, `e13`), for an export of a selection: the others,
   * their years when none of theirs is kept, and the text outside entries are left out.
   */
  selection?: readonly string[];
  /** The readers' corrections of its annotations (from the store): the TEI change log. */
  corrections?: readonly ExportCorrection[];
}

/** An entity as the exporters describe it (a flattened authority record). */
export interface EntityRecord {
  id: string;
  /** `person`, `place`, `polity`, `office`, `commodity`, `unit`, or the kind of a provisional entity. */
  kind: string;
  name: string;
  aliases: string[];
  /** The state a person served, a place belonged to, an office was of. */
  state: string | null;
  /** The record's own type (`州`, `state`, `title`…). */
  type: string | null;
  /** WGS84 degrees, for places whose location is established. */
  lat: number | null;
  lon: number | null;
  precision: string | null;
  /** The modern location of a place, in Chinese. */
  modern: string | null;
  /** An English rendering (offices, commodities, units). */
  gloss: string | null;
  note: string | null;
  /** False for an entity made up from a mention whose ref is not in the authority data. */
  known: boolean;
}

/** Entity records by id. */
export type EntityIndex = ReadonlyMap<string, EntityRecord>;

/** Options every exporter takes. */
export interface ExportOptions {
  /** The entity records that mentions and event roles point at (default: `loadEntities()`). */
  entities?: EntityIndex;
  /**
   * TEI only: `linkGrp` elements for the parallel accounts of this document's entries in other
   * documents (`teiParallels`), written into `standOff`.
   */
  parallels?: string;
}

/** The export formats. */
export const EXPORT_FORMATS = ["tei", "csv", "jsonld", "geojson", "gexf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One file an export writes. */
export interface ExportFile {
  /** The file name (without a directory). */
  name: string;
  content: string;
}
