/**
 * The store contract: what every backend (SQLite and PostgreSQL) offers. Methods return
 * promises so that a backend with an asynchronous driver fits the same interface.
 */

// From the type modules themselves: the web app reads these types without the parser's code.
import type { ChronicleEvent, DocumentAnnotation, Mention } from "../annotate/types.ts";
import type { DatedRange, entryDateFields } from "../date/date-entries.ts";
import type { EntryRecord } from "../parse/records.ts";
import type { ChronicleTree, DocumentInfo, Message, Position } from "../parse/types.ts";
import type { AddCorrectionOptions, Correction, CorrectionFilter, CorrectionInput } from "./corrections.ts";
import type { DocumentRows } from "./rows.ts";

/** The fields the dating stage adds to an entry's date: its Julian Day Numbers, ISO dates… */
export type DateFields = ReturnType<typeof entryDateFields>;

/**
 * An entry record as the pipeline leaves it: dated and annotated (`readChronicle`), or as the
 * parser alone gives it, without the later stages' fields. Fields the store has no column for
 * (a Kanripo item's `locus`, a later stage's own) are kept as they are.
 */
export interface InputRecord extends EntryRecord {
  date: EntryRecord["date"] & Partial<DateFields>;
  /** The annotation stage's names, offices and quantities, as it ordered them. */
  mentions?: readonly Mention[];
  /** The annotation stage's events, headline first. */
  events?: readonly ChronicleEvent[];
}

/** A chronicle ready to be stored: the decoded text, its tree and its entry records. */
export interface DocumentInput {
  /** The corpus the document belongs to (created when missing). */
  corpus: string;
  /** Where the file was read from; with the corpus, what identifies the document. */
  path: string;
  /** SHA-256 of the file's bytes, lower-case hex: an unchanged checksum makes storing a no-op. */
  sha256: string;
  /** The encoding the bytes were decoded from. */
  encoding: string;
  /** The decoded text the tree's offsets point into. */
  text: string;
  /** The tree the records were read from; its `data.annotation`, when annotated, is stored too. */
  tree: ChronicleTree;
  /** One record per entry of `tree`, in text order (`toEntryRecords(tree)`, perhaps dated and annotated). */
  records: readonly InputRecord[];
  /**
   * Store the document even when its checksum is unchanged (default `false`): it was read
   * differently this time (e.g. dated in a year the reader gave).
   */
  replace?: boolean;
}

/**
 * A document as `documentToRows` turned it into rows, with what identifies it: what a reader in
 * another thread hands to the store (rows are plain data; a tree is not sent).
 */
export interface PreparedDocument extends Omit<DocumentInput, "tree" | "records" | "text"> {
  rows: DocumentRows;
}

/** What `putDocument` did. */
export interface PutResult {
  status: "added" | "replaced" | "unchanged";
  document: DocumentSummary;
}

/** Called while a document is written: `done` of `total` entries stored so far. */
export type ProgressCallback = (done: number, total: number) => void;

/**
 * A stored document, without its text: the file it was read from, and what it is (its work,
 * juan, section… and `title`, null where the text does not say; name it by `title ?? name`).
 */
export interface DocumentSummary extends DocumentInfo {
  id: number;
  corpus: string;
  path: string;
  name: string;
  sha256: string;
  encoding: string;
  /** Characters (code points) of the text. */
  charCount: number;
  /** UTF-16 code units of the text: the range of its offsets. */
  length: number;
  yearCount: number;
  entryCount: number;
  /** ISO 8601 time of the ingest. */
  ingestedAt: string;
}

/** A stored document with the parser's messages about its text. */
export interface DocumentDetail extends DocumentSummary {
  messages: Message[];
}

/** The year heading an entry stands under (all null before the first heading). */
export interface YearInfo {
  label: string | null;
  state: string | null;
  era: string | null;
  number: number | null;
  ganzhi: string | null;
  ce: number | null;
}

/**
 * An entry's effective date as its record has it; the dating stage adds `jdn`, `julian`,
 * `gregorian`, `concurrent`… (absent from a record that was not dated).
 */
export type EntryDate = EntryRecord["date"] & Partial<DateFields> & Record<string, unknown>;

/** An entry's annotations, as the annotation stage gave them. */
export interface EntryAnnotations {
  /** Names, offices and quantities, in the annotator's order (stand-off: document offsets). */
  mentions: Mention[];
  /** Typed events with their roles, headline first. */
  events: ChronicleEvent[];
}

/** An entry record rebuilt from the store: as the `entries` command prints it, with its annotations. */
export interface StoredRecord extends EntryRecord, EntryAnnotations {
  date: EntryDate;
}

/** An entry in a list. */
export interface EntrySummary {
  /** `documentId:localId`, e.g. `3:e12`: unique across documents, stable while the document's path stays. */
  id: string;
  documentId: number;
  /** The parser's id within the document (`e12`). */
  localId: string;
  year: YearInfo;
  date: EntryDate;
  headline: string;
  /** Where the entry stands in its document. */
  position: Position;
}

/** A paragraph or other stretch of text with its place in the document. */
export interface PositionedText {
  text: string;
  position: Position;
}

/** One entry with everything stored about it. */
export interface EntryDetail extends EntrySummary {
  /** The entry as written in the document (its whole span, citations included). */
  text: string;
  headlinePosition: Position;
  details: PositionedText[];
  citations: {
    work: string;
    section: string | null;
    juan: number | null;
    author: string | null;
    raw: string;
    position: Position;
  }[];
  notes: { kind: "editorial" | "supplement"; text: string; position: Position }[];
  variants: {
    name: string;
    variant: string;
    source: string;
    subject: string | null;
    position: Position;
    namePosition: Position | null;
  }[];
}

/** Filters shared by entry lists and searches; all optional, all must hold. */
export interface EntryFilter {
  corpus?: string;
  documentId?: number;
  /** CE years, inclusive: by the resolved date when there is one, else by the heading's CE year. */
  from?: number;
  to?: number;
  /**
   * An era, in any state's reckoning: entries whose first day falls in it (or, undated, whose
   * year heading names it). Variant spellings are read (`慶厯`, `庆历` → 慶曆); a state may stand
   * before it (`遼重熙`). With `state`, only that state's eras of the name.
   */
  era?: string;
  /**
   * The year of the era (元年 = 1); without an era, of any era of `state`, else the heading's
   * number only.
   */
  year?: number;
  month?: number;
  leap?: boolean;
  /**
   * A state (`遼`, `北宋`, `宋`, `夏`): entries whose first day falls within its calendar (an entry
   * of 1044 is in 北宋, 遼 and 西夏 alike), or, undated, whose heading or reckoning names it.
   */
  state?: string;
  /** A cited work (folded), e.g. `長編`. */
  work?: string;
  /** The juan of the cited work; only with `work`. */
  juan?: number;
  /**
   * The state whose reckoning the entry's year uses (exact, not folded): the heading's, else the
   * state whose concurrent date carries the heading's era (`YearInfo` has the heading's only).
   */
  reckoningState?: string;
  /** An entity the entry mentions or has in one of its events (an authority id: `person:yuanhao`). */
  entity?: string;
  /** A type of event the entry has (`embassy`). */
  eventType?: string;
}

/** Which slice of a result list to return. */
export interface PageRequest {
  /** At most this many results (default 20). */
  limit?: number;
  /** Skip this many results first (default 0). */
  offset?: number;
}

/**
 * How entries are ordered: by relevance (a search's own order: headline matches first, then
 * score), by date (the first day of the entry's date, undated entries last, then in document
 * order) or in document order (by document, then in text order).
 */
export type EntryOrder = "relevance" | "date" | "document";

/** A slice of a list of entries, in an order (`document` unless said). */
export interface EntryPageRequest extends PageRequest {
  order?: Exclude<EntryOrder, "relevance">;
}

/** One slice of a result list. */
export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  results: T[];
}

/** A search: the query, filters and page. */
export interface SearchRequest extends EntryFilter, PageRequest {
  /** Terms separated by spaces; each must occur (folded) in the headline, a detail or a note. */
  query: string;
  /** The order of the results: `relevance` unless said. */
  order?: EntryOrder;
}

/** Where a query term matched: relative to the field, and absolute in the document. */
export interface FieldMatch {
  field: "headline" | "detail" | "note";
  /** Which detail or note (0 for the headline). */
  index: number;
  /** Which query term (index into the query's terms). */
  term: number;
  /** UTF-16 offsets into the field's text. */
  start: number;
  end: number;
  /** UTF-16 offsets into the document's text. */
  documentStart: number;
  documentEnd: number;
}

/** One entry found by a search. */
export interface SearchHit extends EntrySummary {
  /** Higher is better; results are ordered by headline match first, then by score. */
  score: number;
  matches: FieldMatch[];
}

/** A page of search results, with the terms the query was split into. */
export interface SearchPage extends Page<SearchHit> {
  terms: { text: string; folded: string }[];
}

/** A cited work and how often it is cited. */
export interface SourceSummary {
  work: string;
  citationCount: number;
  entryCount: number;
}

/** A cited work with the entries that cite each of its parts (section and juan). */
export interface SourceDetail extends SourceSummary {
  parts: {
    section: string | null;
    juan: number | null;
    entries: { id: string; headline: string; year: string | null }[];
  }[];
}

/**
 * An entry as views over the whole corpus list it: its summary (whose date leaves out the bulky
 * concurrent reign dates and warnings), the days its date covers and the state it is reckoned in.
 */
export interface IndexedEntry {
  summary: EntrySummary;
  /** First and last day (JDN) the entry's date can mean, or null when unresolved. */
  start: number | null;
  end: number | null;
  /** The state whose reckoning the entry's year uses (`EntryFilter.reckoningState`). */
  state: string | null;
}

/** A year of a stored document, as the dating stage left its heading. */
export interface StoredYear extends YearInfo {
  /** Whether the text writes a heading for it. */
  heading: boolean;
  /** The days its heading covers, as the dating stage gave them; null without a heading or a date. */
  date: DatedRange | null;
}

/** An entity the stored entries name, with how often. */
export interface EntityCount {
  /** The authority id (`person:yuanhao`, `person:provisional:趙普`). */
  ref: string;
  /** The id's kind: the part before its colon. */
  kind: string;
  /** The text of the mention that first named it. */
  name: string;
  /** Mentions of it. */
  mentionCount: number;
  /** Entries that mention it or have it in an event. */
  entryCount: number;
}

/** Which events to list: those of the entries a filter keeps, of a type, with a participant. */
export interface EventFilter extends EntryFilter {
  /** The event's own type (`embassy`); `eventType` keeps entries with any event of a type. */
  type?: string;
  /** An entity in one of the event's roles (an authority id). */
  participant?: string;
}

/** An event with the entry it was read from. */
export interface EventHit {
  entry: EntrySummary;
  event: ChronicleEvent;
}

/** A storage backend. */
export interface Store {
  /**
   * Does a slice of the search index's deferred work for about `budgetMs` milliseconds, where the
   * backend defers some (SQLite's pair index and character postings); returns whether any remains. Searches answer the
   * same before and after, only faster.
   */
  indexStep?(budgetMs: number): Promise<boolean>;
  /**
   * Stores a document in one transaction: adds it, replaces the stored version with the same
   * corpus and path (keeping its id), or does nothing when the checksum is unchanged.
   */
  putDocument(input: DocumentInput | PreparedDocument, onProgress?: ProgressCallback): Promise<PutResult>;
  /**
   * Runs `work`, whose writes may be committed together rather than one by one (each still all
   * or nothing: a write that fails takes back only itself); resolves once every one is committed.
   * Until then another connection may not see them.
   */
  grouped<T>(work: () => Promise<T>): Promise<T>;
  /** The document with this corpus and path, if stored. */
  findDocument(corpus: string, path: string): Promise<DocumentSummary | null>;
  /**
   * The SHA-256 of the document stored with this corpus and path, or null when there is none:
   * one small query, so that an ingest can skip an unchanged file before decoding it.
   */
  documentChecksum(corpus: string, path: string): Promise<string | null>;
  /** Documents by work, then juan (a document of no known work by its title, else its file name). */
  listDocuments(filter?: { corpus?: string }): Promise<DocumentSummary[]>;
  /**
   * A short string that changes whenever a document is added, replaced or deleted (by this or
   * another process): one small query, so that a reader can keep what it computed from the
   * store until it changes.
   */
  dataVersion(): Promise<string>;
  getDocument(id: number): Promise<DocumentDetail | null>;
  /** A slice of a document's text (UTF-16 offsets, `end` exclusive), or null for an unknown document. */
  getDocumentText(id: number, start?: number, end?: number): Promise<string | null>;
  /** Deletes a document and everything that hangs off it; false when there was none. */
  deleteDocument(id: number): Promise<boolean>;
  /** Entries in text order (document, then position), filtered and paged. */
  listEntries(filter?: EntryFilter, page?: EntryPageRequest): Promise<Page<EntrySummary>>;
  /** One entry by its id (`3:e12`), or null. */
  getEntry(id: string): Promise<EntryDetail | null>;
  /** Several entries by their ids, in the order asked (unknown ids left out). */
  getEntries(ids: readonly string[]): Promise<EntryDetail[]>;
  /** A document's entries as the `entries` command prints them, rebuilt from the store. */
  getEntryRecords(documentId: number): Promise<StoredRecord[]>;
  /**
   * A document's years in text order, with their headings' era and state as the dating stage
   * read them and the days each covers; null for an unknown document, or one stored before the
   * store kept the headings' days.
   */
  listYears(documentId: number): Promise<StoredYear[] | null>;
  /**
   * Every entry the filter keeps, in text order, with its date range and reckoning state: what
   * views over the whole corpus (timeline, map, concordance) start from.
   */
  listEntryIndex(filter?: EntryFilter): Promise<IndexedEntry[]>;
  /** An entry's mentions and events, or null for an unknown entry. */
  getAnnotations(id: string): Promise<EntryAnnotations | null>;
  /**
   * The annotations of every entry the filter keeps that has any, by entry id, in text order.
   */
  listAnnotations(filter?: EntryFilter): Promise<Map<string, EntryAnnotations>>;
  /**
   * What the annotation stage learned about a whole document (provisional persons, aliases from
   * variant readings), or null when it was not annotated (or stored before annotations were kept).
   */
  getDocumentAnnotation(documentId: number): Promise<DocumentAnnotation | null>;
  /**
   * The entities the entries a filter keeps name (by a mention or in an event), with counts, most
   * mentioned first (then by id); `kind` keeps one kind.
   */
  listEntities(filter?: EntryFilter & { kind?: string }): Promise<EntityCount[]>;
  /** Events by type, date and participant, in text order (then as each entry lists them), paged. */
  listEvents(filter?: EventFilter, page?: PageRequest): Promise<Page<EventHit>>;
  /** Cited works, most cited first. */
  listSources(filter?: { corpus?: string }): Promise<SourceSummary[]>;
  /** One cited work (folded comparison) with the entries citing each part, or null. */
  getSource(work: string): Promise<SourceDetail | null>;
  /** Full-text search; see `src/search/README.md`. */
  search(request: SearchRequest): Promise<SearchPage>;
  /**
   * Stores a reader's correction of the annotations in one transaction, after checking it
   * against the document stored now; a wrong one (a span out of range or in no entry, nothing to
   * remove there, an unknown entity id, target or action) throws `CorrectionError` and writes
   * nothing. Annotations read afterwards (`getAnnotations`, `listAnnotations`,
   * `getEntryRecords`) have it laid over them.
   */
  addCorrection(input: CorrectionInput, options?: AddCorrectionOptions): Promise<Correction>;
  /** Marks a correction undone by someone, now (once); null for an unknown id. */
  undoCorrection(id: number, by: string): Promise<Correction | null>;
  /** Corrections oldest first, each resolved against the documents stored now (`status`). */
  listCorrections(filter?: CorrectionFilter): Promise<Correction[]>;
  close(): Promise<void>;
}
