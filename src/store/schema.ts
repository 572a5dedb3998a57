/**
 * The database schema, declared once. Each backend turns these declarations into its own DDL
 * (`sqlite/ddl.ts` for SQLite), and the row types below derive from them, so a column is named
 * and typed in exactly one place.
 *
 * Positions are stored as six columns (`start_offset`, `end_offset`, `start_line`,
 * `start_column`, `end_line`, `end_column`): offsets in UTF-16 code units into the document's
 * text, lines and columns 1-based, `end` the first character after the node (as in the tree).
 */

/** A column's storage type, as every SQL backend can express it. */
export type ColumnType = "integer" | "real" | "text";

/** What the DDL of a column says. */
export interface ColumnSpec {
  type: ColumnType;
  nullable: boolean;
  primaryKey: boolean;
  unique: boolean;
  /** A foreign key to another table's `id`, with what happens when that row is deleted. */
  references: { table: string; onDelete: "cascade" | "set null" } | null;
  /** True for text columns holding JSON. */
  json: boolean;
}

/** A column declaration; `T` is the TypeScript type of its values in a row. */
export class Column<T> {
  /** Only for type inference: never set. */
  declare readonly value: T;
  constructor(readonly spec: ColumnSpec) {}
  /** The same column, allowing NULL. */
  nullable(): Column<T | null> {
    return new Column<T | null>({ ...this.spec, nullable: true });
  }
  /** The same column with a UNIQUE constraint. */
  unique(): Column<T> {
    return new Column<T>({ ...this.spec, unique: true });
  }
  /** The same column as a foreign key to `table.id`. */
  references(table: string, onDelete: "cascade" | "set null" = "cascade"): Column<T> {
    return new Column<T>({ ...this.spec, references: { table, onDelete } });
  }
}

const base: ColumnSpec = {
  type: "integer",
  nullable: false,
  primaryKey: false,
  unique: false,
  references: null,
  json: false,
};

/** An integer column (booleans are stored as 0 and 1). */
export const integer = (): Column<number> => new Column<number>({ ...base, type: "integer" });
/** A real (floating point) column. */
export const real = (): Column<number> => new Column<number>({ ...base, type: "real" });
/** A text column. */
export const text = (): Column<string> => new Column<string>({ ...base, type: "text" });
/** A text column that holds JSON. */
export const json = (): Column<string> => new Column<string>({ ...base, type: "text", json: true });
/** The integer primary key every table has, named `id`. */
export const id = (): Column<number> => new Column<number>({ ...base, primaryKey: true });

/** Columns by name; the order of the keys is the order of the columns. */
export type Columns = Record<string, Column<unknown>>;

/** A table declaration. */
export interface Table<C extends Columns = Columns> {
  name: string;
  columns: C;
  /** Sets of columns that must be unique together. */
  unique: readonly (readonly (keyof C & string)[])[];
  /** Sets of columns to index. */
  indexes: readonly (readonly (keyof C & string)[])[];
}

/** Any table declaration, whatever its columns. */
export interface AnyTable {
  name: string;
  columns: Columns;
  unique: readonly (readonly string[])[];
  indexes: readonly (readonly string[])[];
}

/** Declares a table. */
export function table<C extends Columns>(
  name: string,
  columns: C,
  options: {
    unique?: readonly (readonly (keyof C & string)[])[];
    indexes?: readonly (readonly (keyof C & string)[])[];
  } = {},
): Table<C> {
  return { name, columns, unique: options.unique ?? [], indexes: options.indexes ?? [] };
}

/** The row type of a table: one property per column. */
export type Row<T extends { columns: Columns }> = {
  [K in keyof T["columns"]]: T["columns"][K] extends Column<infer V> ? V : never;
};

type PositionKeys<P extends string> =
  | `${P}start_offset`
  | `${P}end_offset`
  | `${P}start_line`
  | `${P}start_column`
  | `${P}end_line`
  | `${P}end_column`;

const POSITION_SUFFIXES = [
  "start_offset",
  "end_offset",
  "start_line",
  "start_column",
  "end_line",
  "end_column",
] as const;

function positionColumns<P extends string>(prefix: P): Record<PositionKeys<P>, Column<number>> {
  return Object.fromEntries(POSITION_SUFFIXES.map((s) => [`${prefix}${s}`, integer()])) as Record<
    PositionKeys<P>,
    Column<number>
  >;
}

function nullablePositionColumns<P extends string>(
  prefix: P,
): Record<PositionKeys<P>, Column<number | null>> {
  return Object.fromEntries(POSITION_SUFFIXES.map((s) => [`${prefix}${s}`, integer().nullable()])) as Record<
    PositionKeys<P>,
    Column<number | null>
  >;
}

/**
 * The schema version this code writes; see `sqlite/migrate.ts` for upgrades. Version 2 adds what
 * a document is (its work, juan, section… and title) to `documents`; version 3 the annotations:
 * `entities`, `mentions`, `events` and `event_roles` filled at ingest, each document's
 * annotation and each year's reckoning state; version 4 the days each year heading covers;
 * version 5 the readers' corrections (`corrections`); version 6 the per-character postings of
 * SQLite's search index (`sqlite/chars.ts`); version 7 its index of character pairs
 * (`sqlite/pairs.ts`) and a narrow index of the entries for filtered searches
 * (`sqlite/search-filter.ts`).
 */
export const SCHEMA_VERSION = 7;

/** Which version of the schema a database has: one row. */
export const schemaVersion = table("schema_version", { version: integer() });

/** Settings of the database itself, e.g. the folding version its search index was built with. */
export const meta = table("meta", {
  key: new Column<string>({ ...base, type: "text", primaryKey: true }),
  value: text(),
});

/** Named collections of documents (`default` unless `--corpus` says otherwise). */
export const corpora = table("corpora", {
  id: id(),
  name: text().unique(),
  created_at: text(),
});

/** One chronicle file, with its full decoded text so the original of every node can be sliced. */
export const documents = table(
  "documents",
  {
    id: id(),
    corpus_id: integer().references("corpora"),
    /** The path the file was ingested from: with the corpus, what identifies the document. */
    path: text(),
    /** The file's base name. */
    name: text(),
    /** SHA-256 of the file's bytes, lower-case hex. */
    sha256: text(),
    /** The encoding the bytes were decoded from (`utf-8`, `gb18030`…). */
    encoding: text(),
    /** Characters (Unicode code points) of the decoded text. */
    char_count: integer(),
    /** UTF-16 code units of the decoded text: the range of its offsets. */
    length: integer(),
    year_count: integer(),
    entry_count: integer(),
    text: text(),
    /** The parser's messages about the text, as JSON. */
    messages: json(),
    ingested_at: text(),
    // What the document is, as the parser read it (`DocumentInfo`); null where the text does not say.
    /** The work's full title: `續資治通鑑長編`. */
    work: text().nullable(),
    /** The name chronicles cite the work by, where shorter: `長編`. */
    short: text().nullable(),
    author: text().nullable(),
    /** The juan number, and the juan as written (`卷一百三十九`). */
    juan: integer().nullable(),
    juan_label: text().nullable(),
    /** The section the juan belongs to: `興宗本紀二`. */
    section: text().nullable(),
    /** The ruler a 本紀 is of: `興宗`. */
    ruler: text().nullable(),
    /** The state whose calendar the document dates by. */
    state: text().nullable(),
    /** The text's id in the Kanseki Repository: `KR2b0019`. */
    text_id: text().nullable(),
    /** How the document is named to a reader (`長編 卷一百三十九`); null: by its file name. */
    title: text().nullable(),
    /**
     * What the annotation stage learned about the whole document (`DocumentAnnotation`: its
     * provisional persons, the aliases its variant readings give), as JSON; null when it was not
     * annotated, or stored before version 3.
     */
    annotation: json().nullable(),
  },
  { unique: [["corpus_id", "path"]] },
);

/** A year of a document: its heading (all null for entries before the first heading). */
export const years = table(
  "years",
  {
    id: id(),
    document_id: integer().references("documents"),
    ord: integer(),
    label: text().nullable(),
    state: text().nullable(),
    era: text().nullable(),
    number: integer().nullable(),
    ganzhi: text().nullable(),
    ce: integer().nullable(),
    /** `state` and `era` folded (see `search/fold.ts`), for filters. */
    state_key: text().nullable(),
    era_key: text().nullable(),
    ...positionColumns(""),
    ...nullablePositionColumns("heading_"),
    /**
     * The state whose reckoning the year's entries use: the heading's, else the state whose
     * concurrent date (of the year's first dated entry) carries the heading's era.
     */
    reckoning_state: text().nullable(),
    /**
     * The days the heading's year covers, as the dating stage gave them (its `DatedRange`), as
     * JSON: `null` for a heading it could not date; SQL NULL for a year without a heading, or
     * stored before version 4.
     */
    date: json().nullable(),
  },
  {
    unique: [["document_id", "ord"]],
    indexes: [["era_key", "number"], ["state_key"], ["ce"], ["reckoning_state"]],
  },
);

/** One entry: date, headline (綱) and its position; details, citations, notes and variants hang off it. */
export const entries = table(
  "entries",
  {
    id: id(),
    document_id: integer().references("documents"),
    year_id: integer().references("years"),
    ord: integer(),
    /** The parser's id within the document (`e12`). */
    local_id: text(),
    /** The whole effective date as the entry record has it (later stages add `jdn`, `julian`…). */
    date: json(),
    date_text: text().nullable(),
    season: text().nullable(),
    month: integer().nullable(),
    /** 1 for a leap month. */
    leap: integer(),
    /** 1 when the entry opens with its own date, 0 when the date is carried over. */
    date_own: integer(),
    /** Julian Day Numbers of the first and last day the date can mean, once dates are resolved. */
    jdn_start: integer().nullable(),
    jdn_end: integer().nullable(),
    headline: text(),
    ...positionColumns("headline_"),
    ...positionColumns(""),
    /** Fields of the entry record this schema has no column for, as JSON. */
    extra: json().nullable(),
  },
  {
    unique: [["document_id", "local_id"]],
    indexes: [["document_id", "ord"], ["year_id"], ["month"], ["jdn_start", "jdn_end"]],
  },
);

/** The detail paragraphs (目) of an entry. */
export const details = table(
  "details",
  {
    id: id(),
    entry_id: integer().references("entries"),
    ord: integer(),
    text: text(),
    ...positionColumns(""),
  },
  { unique: [["entry_id", "ord"]] },
);

/** The works an entry cites in its closing parenthesis. */
export const citations = table(
  "citations",
  {
    id: id(),
    entry_id: integer().references("entries"),
    ord: integer(),
    work: text(),
    /** `work` folded, for filters. */
    work_key: text(),
    section: text().nullable(),
    juan: integer().nullable(),
    author: text().nullable(),
    raw: text(),
    ...positionColumns(""),
  },
  { unique: [["entry_id", "ord"]], indexes: [["work_key", "juan"]] },
);

/** Editors' notes and supplementary quotations inside an entry's closing parenthesis. */
export const notes = table(
  "notes",
  {
    id: id(),
    entry_id: integer().references("entries"),
    ord: integer(),
    kind: text(),
    text: text(),
    ...positionColumns(""),
  },
  { unique: [["entry_id", "ord"]] },
);

/** Variant readings noted anywhere in an entry. */
export const variants = table(
  "variants",
  {
    id: id(),
    entry_id: integer().references("entries"),
    ord: integer(),
    name: text(),
    variant: text(),
    source: text(),
    subject: text().nullable(),
    ...positionColumns(""),
    /** Where `name` stands in the main text, when the parser located it. */
    ...nullablePositionColumns("name_"),
  },
  { unique: [["entry_id", "ord"]] },
);

/**
 * What mentions and event roles point at: one row per authority id (`person:yuanhao`,
 * `person:provisional:趙普`, `commodity:tea`…), shared by every document, never deleted.
 */
export const entities = table("entities", {
  id: id(),
  /** The authority id the annotation stage gave. */
  ref: text().unique(),
  /** The part of the id before its colon: `person`, `place`, `polity`, `office`, `commodity`… */
  kind: text(),
  /** The text of the mention that first named it: a name for an id the authority does not know. */
  name: text(),
});

/**
 * A stretch of an entry's text that names something (`Mention` of `src/annotate/types.ts`): the
 * fields every mention has as columns, the others (an entity's `form`, a quantity's `amount`…)
 * as JSON, so that the annotator's object is given back as it was.
 */
export const mentions = table(
  "mentions",
  {
    id: id(),
    entry_id: integer().references("entries"),
    /** The mention's place among its entry's, as the annotator ordered them. */
    ord: integer(),
    kind: text(),
    /** Offsets into the document's text. */
    start_offset: integer(),
    end_offset: integer(),
    text: text(),
    /** `headline`, `detail1`…, `note1`…. */
    field: text(),
    rule: text(),
    /** What it names: null for a quantity of nothing known. */
    entity_id: integer().nullable().references("entities", "set null"),
    /** The mention's other fields, as JSON; null when it has none. */
    data: json().nullable(),
  },
  { unique: [["entry_id", "ord"]], indexes: [["entity_id"]] },
);

/** The typed events of an entry (`ChronicleEvent`), headline first. */
export const events = table(
  "events",
  {
    id: id(),
    entry_id: integer().references("entries"),
    ord: integer(),
    type: text(),
    field: text(),
    rule: text(),
    /** The clause the rule matched: offsets into the document's text. */
    start_offset: integer(),
    end_offset: integer(),
    text: text(),
  },
  { unique: [["entry_id", "ord"]], indexes: [["type"]] },
);

/** The participants and circumstances of an event, role by role, in the annotator's order. */
export const eventRoles = table(
  "event_roles",
  {
    id: id(),
    event_id: integer().references("events"),
    ord: integer(),
    /** The role's name: `sender`, `envoy`, `place`…. */
    role: text(),
    /** The entity, or null for text that names none (a purpose, an outcome). */
    entity_id: integer().nullable().references("entities", "set null"),
    text: text(),
    /** Where the text stands; null for a default (the chronicle's own state as sender). */
    start_offset: integer().nullable(),
    end_offset: integer().nullable(),
  },
  { unique: [["event_id", "ord"]], indexes: [["entity_id"]] },
);

/**
 * The readers' corrections of the annotations (`src/store/corrections.ts`), kept as a layer of
 * their own: anchored by the document's corpus and path (not its row, so that they outlive a new
 * ingest), the span and the text it covered; never deleted, only marked undone.
 */
export const corrections = table(
  "corrections",
  {
    id: id(),
    corpus: text(),
    path: text(),
    /** `mention`, `event`, `role` or `date`. */
    target: text(),
    /** `add`, `remove` or `change`. */
    action: text(),
    start_offset: integer(),
    end_offset: integer(),
    /** The characters the span covered when the correction was made. */
    text: text(),
    /** What the correction says (`CorrectionData`), as JSON. */
    data: json(),
    author: text(),
    reason: text(),
    created_at: text(),
    undone_at: text().nullable(),
    undone_by: text().nullable(),
  },
  { indexes: [["corpus", "path"]] },
);

/** Every table, in creation order (a table comes after those it references). */
export const tables = [
  schemaVersion,
  meta,
  corpora,
  documents,
  years,
  entries,
  details,
  citations,
  notes,
  variants,
  entities,
  mentions,
  events,
  eventRoles,
  corrections,
] as const;

export type CorpusRow = Row<typeof corpora>;
export type DocumentRow = Row<typeof documents>;
export type YearRow = Row<typeof years>;
export type EntryRow = Row<typeof entries>;
export type DetailRow = Row<typeof details>;
export type CitationRow = Row<typeof citations>;
export type NoteRow = Row<typeof notes>;
export type VariantRow = Row<typeof variants>;
export type EntityRow = Row<typeof entities>;
export type MentionRow = Row<typeof mentions>;
export type EventRow = Row<typeof events>;
export type EventRoleRow = Row<typeof eventRoles>;
export type CorrectionRow = Row<typeof corrections>;
