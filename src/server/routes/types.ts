/**
 * What the web app's endpoints answer. The web client imports these types, so the two sides
 * cannot drift apart; the zod schemas in `schemas.ts` validate the requests.
 */
import type { ChronicleEvent, Mention } from "../../annotate/types.ts";
import type { Position } from "../../parse/types.ts";
import type { EntryDetail, EntrySummary, FieldMatch } from "../../store/types.ts";

export type { ChronicleEvent, EventRole, Mention } from "../../annotate/types.ts";

/** The kinds of authority record the web app shows. */
export type EntityKind = "person" | "place" | "polity" | "office";

/**
 * A stand-off mention over the document's text (UTF-16 offsets, end exclusive): the annotator's
 * own `Mention`, as the store keeps it, under the name the web app reads it by.
 */
export type WebMention = Mention;

/**
 * Whether the store holds annotations: `tables` when its annotation tables hold any, `none`
 * when the annotation stage has stored nothing. (`records`, annotations read from the stored
 * records' JSON, was answered by versions that kept them there.)
 */
export type AnnotationSource = "tables" | "records" | "none";

/** A range of the document's text (UTF-16 offsets, end exclusive). */
export interface TextRange {
  start: number;
  end: number;
}

/** The beginning of a printed page. */
export interface PageMark {
  /** Where the page's first character of text stands: the place to mark it. */
  at: number;
  /** The page marker as written in the file (`KR2b0019_WYG_143-2a`) and where it stands. */
  id: string;
  offset: number;
  /** The juan, page and side: 卷一百三十九, page 2, side `a` — shown as `2a`. */
  juan: number | null;
  page: number;
  side: string;
}

/** The layout of a document, or of the part of it an entry covers. */
export interface TextLayout {
  /** Stretches of the file that are markup, not text, in text order: never shown. */
  hidden: TextRange[];
  /** Pages that begin here, in text order. */
  pages: PageMark[];
  /** Small double-column notes, their parentheses included (the parentheses are in `hidden`). */
  smallNotes: TextRange[];
}

/** An entry with everything the reader shows. */
export interface ReaderEntry extends EntryDetail {
  /** The state whose reckoning the year heading uses (the heading's, else the era's). */
  state: string | null;
  mentions: Mention[];
  events: ChronicleEvent[];
  /** How the edition lays the entry's text out: markup to leave out, pages, small notes. */
  layout: TextLayout;
}

/** `GET /api/entries/{id}/annotations`. */
export interface EntryAnnotations {
  id: string;
  state: string | null;
  annotations: AnnotationSource;
  mentions: Mention[];
  events: ChronicleEvent[];
  /** How the edition lays the entry's text out: markup to leave out, pages, small notes. */
  layout: TextLayout;
}

/** One date problem of a document. */
export interface DateProblem {
  /** `message`: reported by the dating stage; `warning`: carried by the entry's date. */
  kind: "message" | "warning";
  /** The message's rule (`date-ganzhi-not-in-month`, `date-unknown-era`…), or `date-warning`. */
  ruleId: string;
  severity: "error" | "warning" | "info";
  /** What is wrong, in words. */
  message: string;
  /** Where: the text the problem is about (a warning: the entry's written date). */
  place: Position;
  /** The text at that place as written, without the edition's markup. */
  text: string;
  /** True when the entry's date is carried over from an earlier one: `text` is that date. */
  carried: boolean;
  /** The entry concerned (a year heading's problem: the first entry under it), or null. */
  entryId: string | null;
}

/** `GET /api/documents/{id}/date-problems`. */
export interface DateProblems {
  documentId: number;
  total: number;
  /** In text order. */
  results: DateProblem[];
}

/** `GET /api/documents/{id}/entries`. */
export interface ReaderPage {
  documentId: number;
  total: number;
  limit: number;
  offset: number;
  annotations: AnnotationSource;
  results: ReaderEntry[];
}

/**
 * `GET /api/timeline`: every dated entry, as parallel arrays (one index per entry) so that 50 000
 * entries stay a small download. `state`, `document` and `event` index into the lists beside them
 * (-1 for none).
 */
export interface TimelineData {
  count: number;
  states: string[];
  /** Named by `title`, else by their file's `name`. */
  documents: { id: number; name: string; title: string | null }[];
  eventTypes: string[];
  ids: string[];
  start: number[];
  end: number[];
  state: number[];
  document: number[];
  event: number[];
  /** Entries without a resolved date, which the timeline cannot place. */
  undated: number;
  annotations: AnnotationSource;
}

/** One state's label for a lunar month. */
export interface MonthLabel {
  state: string;
  era: string;
  year: number;
  month: number;
  leap: boolean;
  /** The era year and month written out: `慶曆三年七月`. */
  label: string;
  /** The era year alone: `慶曆三年`. */
  yearLabel: string;
  /** The month alone: `七月`, `閏九月`. */
  monthLabel: string;
}

/** A lunar month of the reference calendar with every state's label for it. */
export interface CalendarMonth {
  start: number;
  end: number;
  month: number;
  leap: boolean;
  labels: MonthLabel[];
}

/** `GET /api/calendar/months`. */
export interface CalendarMonths {
  /** The state whose month boundaries are used (北宋 where it covers the range). */
  reference: string;
  months: CalendarMonth[];
}

/** `GET /api/concordance`: the entries of every chronicle dated within one lunar month. */
export interface Concordance {
  month: CalendarMonth;
  previous: number | null;
  next: number | null;
  /** Entries dated within the month, by day (those dated to the month only first); at most 60. */
  within: ReaderEntry[];
  /** How many entries are dated within the month in all. */
  withinCount: number;
  /** Entries whose date overlaps the month but is broader (a season, a year); at most 200. */
  broader: EntrySummary[];
  broaderCount: number;
  /** The documents these entries are from: named by `title`, else by their file's `name`. */
  documents: { id: number; name: string; title: string | null }[];
}

/** An authority record as the web app shows it. */
export interface EntityRecord {
  id: string;
  kind: EntityKind;
  name: string;
  state: string | null;
  type: string | null;
  aliases: { name: string; type: string; source?: string; note?: string; context?: string }[];
  note: string | null;
  sources: string[];
  /** Other fields of the record (dates, coordinates, gloss, CBDB id…), as they are. */
  extra: Record<string, unknown>;
  lat: number | null;
  lon: number | null;
}

/** `GET /api/entities`. */
export interface EntityList {
  annotations: AnnotationSource;
  results: (Pick<EntityRecord, "id" | "kind" | "name" | "state" | "type"> & {
    aliasCount: number;
    mentionCount: number;
    entryCount: number;
  })[];
}

/** `GET /api/entities/{id}`. */
export interface EntityPage {
  annotations: AnnotationSource;
  entity: EntityRecord;
  /** Spellings found in the mentions that the record does not list. */
  spellings: { text: string; count: number }[];
  /** The entries that mention the entity or have it in an event, in text order; at most 500. */
  entries: (EntrySummary & { mentions: Mention[] })[];
  /** How many entries there are in all. */
  entryCount: number;
  events: { entryId: string; type: string; role: string }[];
}

/** `GET /api/map`. */
export interface MapData {
  annotations: AnnotationSource;
  places: (Pick<EntityRecord, "id" | "name" | "type" | "state" | "lat" | "lon"> & {
    precision: string | null;
    modern: string | null;
    mentionCount: number;
    /** The place whose point it is shown at: itself, or (`inherited`) the 州 or circuit it belongs to. */
    at: string;
    inherited: boolean;
  })[];
  /** The places of the authority data, and how many of them have no point, of their own or inherited. */
  placeCount: number;
  unlocated: number;
  /** Events at a place with coordinates, with the entry's date range (JDN). */
  events: { entryId: string; type: string; place: string; start: number | null; end: number | null }[];
}

/** A node of the network: a polity or a person. */
export interface NetworkNode {
  id: string;
  kind: "polity" | "person";
  name: string;
  state: string | null;
  /** Events the node takes part in. */
  count: number;
}

/** Every event of one type between two nodes. */
export interface NetworkEdge {
  source: string;
  target: string;
  type: string;
  count: number;
  /** First and last day (JDN) of the entries behind the edge, when dated. */
  first: number | null;
  last: number | null;
  /** The ids of the entries behind the edge, in text order; at most 100. */
  entries: string[];
}

/** `GET /api/network`. */
export interface NetworkData {
  annotations: AnnotationSource;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

/** A passage of a search hit, with its matches relative to the passage. */
export interface Snippet {
  field: FieldMatch["field"];
  index: number;
  text: string;
  /** The passage's document offset (its first character). */
  start: number;
  /** True when the passage was cut at its start or end. */
  cutStart: boolean;
  cutEnd: boolean;
  highlights: { start: number; end: number }[];
}

/** One entry found by `GET /api/find`. */
export interface FindHit extends EntrySummary {
  score: number | null;
  matches: FieldMatch[];
  snippets: Snippet[];
}

/** `GET /api/find`. */
export interface FindPage {
  query: string | null;
  total: number;
  limit: number;
  offset: number;
  annotations: AnnotationSource;
  results: FindHit[];
}
