/**
 * Per-character postings of the SQLite search index, for one-character searches of the characters
 * found in most entries (`common-chars.ts`): a second FTS5 table, `entry_chars`, with one row per
 * entry and one token per listed character of it that names the character and how often it stands
 * in the headline (h) and in the rest (b), e.g. `之y1x3`. Its rowid is the entry's token count in
 * `entry_fts` (d) times 2³² plus the entry id, so each token's rows run in (d, id) order. See
 * `src/search/README.md` (“Common characters on SQLite”).
 *
 * For a single term, FTS5's bm25 depends on nothing but h, b and d (the rest is the same for every
 * entry of the query), and for a fixed (h, b) it falls strictly as d grows. So the page needs from
 * each (h, b) token only its first `offset + limit` rows, and the total and both document
 * frequencies are sums of the tokens' row counts (`entry_chars_vocab`). The scores are computed
 * with FTS5's own operations in the same order, so they and the order are those of
 * `bm25(entry_fts, 4, 1, 1)` to the bit.
 *
 * FTS5 writes a transaction's rows as a new segment and merges segments later, so keeping the
 * postings costs the ingest one more index row per entry, not a write into a B-tree ordered by
 * character (which would touch thousands of pages per document).
 */
import type Database from "better-sqlite3";
import type { Ranked, RankPage } from "../sql/dialect.ts";
import { COMMON_CHARS } from "./common-chars.ts";
import { type EntryTexts, foldTexts } from "./fts.ts";

/** The postings, the view of their tokens' row counts, each entry's token count, and how they go. */
export const CHARS_DDL = [
  `CREATE VIRTUAL TABLE "entry_chars" USING fts5(chars, tokenize = 'ascii', content = '', contentless_delete = 1, detail = none)`,
  `CREATE VIRTUAL TABLE "entry_chars_vocab" USING fts5vocab("entry_chars", row)`,
  // The postings row of an entry is found by its rowid, which holds the token count.
  `CREATE TABLE "entry_tokens" ("entry_id" INTEGER PRIMARY KEY, "tokens" INTEGER NOT NULL) STRICT`,
  `CREATE TRIGGER "entries_delete_chars" AFTER DELETE ON "entries" BEGIN
  DELETE FROM "entry_chars" WHERE rowid = (SELECT ("tokens" << 32) | old.id FROM "entry_tokens" WHERE "entry_id" = old.id);
  DELETE FROM "entry_tokens" WHERE "entry_id" = old.id;
END`,
];

/** FTS5's bm25 constants (`fts5Bm25Function`). */
const K1 = 1.2;
const B = 0.75;
/** The columns of `entry_fts`. */
const INDEX_COLUMNS = 3;
/** Deepest page (offset + limit) answered from the postings; deeper ones rank in `entry_fts`. */
export const POSTINGS_DEPTH = 1000;
/** Entry ids and token counts the rowid can hold. */
const ID_BITS = 32n;
const MAX_ID = 2 ** 32;
const MAX_TOKENS = 2 ** 31;

/**
 * The token of a character in `entry_chars`: the character itself, or `q` and two hex digits
 * for an ASCII one (which the `ascii` tokenizer would split or fold).
 */
function charToken(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x80 ? `q${code.toString(16).padStart(2, "0")}` : char;
}

/** An entry's row of the postings. */
export interface CharRow {
  /** The entry's id. */
  id: number;
  /** Its token count in `entry_fts` times 2³², plus its id. */
  rowid: bigint;
  tokens: number;
  /** One token per distinct character: the character, its headline count and its body count. */
  chars: string;
}

/** The characters with postings (`common-chars.ts`), by code point. */
const LISTED = new Uint8Array(0x110000);
for (const char of COMMON_CHARS) LISTED[char.codePointAt(0)!] = 1;

/** The meta key that records which characters a database's postings hold. */
export const POSTED_CHARS_KEY = "posted_chars";

/** Counts of the listed characters of one entry, headline and body, by code point (kept between calls). */
const HEAD = new Uint32Array(0x110000);
const BODY = new Uint32Array(0x110000);

/**
 * Adds the listed code points of `text` to the counts (`column` 0 for the headline, 1 for the
 * body), noting each the first time it is seen; returns the number of code points of `text`.
 */
function countChars(text: string, column: 0 | 1, seen: number[]): number {
  const counts = column === 0 ? HEAD : BODY;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    n++;
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (LISTED[code] === 0) continue;
    if (HEAD[code] === 0 && BODY[code] === 0) seen.push(code);
    counts[code]!++;
  }
  return n;
}

/** `charToken(char) + "y"` by code point, made once for each character of the BMP. */
const PREFIXES: string[] = [];
function charPrefix(code: number): string {
  if (code > 0xffff) return `${String.fromCodePoint(code)}y`;
  let prefix = PREFIXES[code];
  if (prefix === undefined) {
    prefix = `${charToken(String.fromCharCode(code))}y`;
    PREFIXES[code] = prefix;
  }
  return prefix;
}
/** Small counts as text, made once. */
const NUMERALS = Array.from({ length: 256 }, (_, i) => String(i));
const numeral = (n: number) => NUMERALS[n] ?? String(n);

/** Tokens of the fields of one column (details or notes): each code point, and one between fields. */
function fieldsTokens(texts: readonly string[], seen: number[]): number {
  let n = texts.length > 0 ? texts.length - 1 : 0;
  for (const text of texts) n += countChars(text, 1, seen);
  return n;
}

/**
 * An entry's postings row, from its folded texts: its rowid (its token count in `entry_fts`, one
 * per code point and one between two details or notes, and its id) and its text, one token per
 * distinct character with its headline and body counts.
 *
 * @example
 * charRow(7, { headline: "之之", details: ["之乎"], notes: [] })
 * //=> { id: 7, rowid: 17179869191n, tokens: 4, chars: "之y2x1" } (乎 is not listed)
 */
export function charRow(id: number, folded: EntryTexts): CharRow {
  const seen: number[] = [];
  const tokens =
    countChars(folded.headline, 0, seen) +
    fieldsTokens(folded.details, seen) +
    fieldsTokens(folded.notes, seen);
  const parts: string[] = new Array(seen.length);
  for (let i = 0; i < seen.length; i++) {
    const code = seen[i]!;
    const h = HEAD[code]!;
    const b = BODY[code]!;
    HEAD[code] = 0;
    BODY[code] = 0;
    parts[i] = `${charPrefix(code)}${numeral(h)}x${numeral(b)}`;
  }
  if (!(Number.isSafeInteger(id) && id > 0 && id < MAX_ID) || tokens >= MAX_TOKENS)
    throw new Error(`Entry ${id} (${tokens} tokens) is out of the range the search postings can hold`);
  return { id, rowid: (BigInt(tokens) << ID_BITS) | BigInt(id), tokens, chars: parts.join(" ") };
}

/** Decodes SQLite's variable-length integers (as FTS5 writes its averages record). */
function varints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let value = 0;
    for (let k = 0; ; k++) {
      const byte = bytes[i++]!;
      if (k === 8) {
        value = value * 256 + byte;
        break;
      }
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) break;
    }
    out.push(value);
  }
  return out;
}

/** One (h, b) group of a character, and its number of entries. */
interface Group {
  token: string;
  h: number;
  b: number;
  n: number;
}

/** The postings of one database: writes them and ranks from them, with its statements prepared once. */
export class CharPostings {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Adds entries' postings (inside the caller's transaction), in rowid order: FTS5 writes its
   * pending rows out as a segment whenever a rowid is lower than the one before, so rows in the
   * order of their entries would make a segment of nearly every row.
   */
  add(rows: readonly CharRow[]): void {
    const chars = this.statement('INSERT INTO "entry_chars" (rowid, chars) VALUES (?, ?)');
    const tokens = this.statement('INSERT INTO "entry_tokens" ("entry_id", "tokens") VALUES (?, ?)');
    for (const row of rows) tokens.run(row.id, row.tokens);
    const sorted = [...rows].sort((x, y) => (x.rowid < y.rowid ? -1 : x.rowid > y.rowid ? 1 : 0));
    for (const row of sorted) chars.run(row.rowid, row.chars);
  }

  /** Removes every posting (before the index is built again). */
  clear(): void {
    this.statement(`INSERT INTO "entry_chars" ("entry_chars") VALUES ('delete-all')`).run();
    this.statement('DELETE FROM "entry_tokens"').run();
  }

  /** Records that the postings hold the characters this code lists. */
  recordList(): void {
    this.db
      .prepare(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(POSTED_CHARS_KEY, COMMON_CHARS);
  }

  /** Whether the database's postings hold the characters this code lists. */
  current(): boolean {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = ?").get(POSTED_CHARS_KEY) as
      | { value: string }
      | undefined;
    return row?.value === COMMON_CHARS;
  }

  /**
   * Fills the postings of every stored entry (the migration that adds them, and a database whose
   * postings list other characters), and records which characters they hold.
   */
  fill(): void {
    this.recordList();
    const texts = (table: string) => {
      const byEntry = new Map<number, string[]>();
      const rows = this.db
        .prepare(`SELECT entry_id, text FROM ${table} ORDER BY entry_id, ord`)
        .iterate() as Iterable<{ entry_id: number; text: string }>;
      for (const r of rows) {
        const list = byEntry.get(r.entry_id);
        if (list) list.push(r.text);
        else byEntry.set(r.entry_id, [r.text]);
      }
      return byEntry;
    };
    const details = texts("details");
    const notes = texts("notes");
    const entries = this.db.prepare("SELECT id, headline FROM entries ORDER BY id").all() as {
      id: number;
      headline: string;
    }[];
    this.add(
      entries.map(({ id, headline }) => {
        const folded = foldTexts({ headline, details: details.get(id) ?? [], notes: notes.get(id) ?? [] });
        return charRow(id, folded);
      }),
    );
  }

  /**
   * Ranks the entries holding one character, exactly as `entry_fts` ranks them (see the module's
   * comment), or null when the postings do not answer (a page deeper than `POSTINGS_DEPTH`).
   *
   * @param char one folded code point
   */
  rank(char: string, page: RankPage): Ranked | null {
    const { limit, offset } = page;
    if (offset + limit > POSTINGS_DEPTH || LISTED[char.codePointAt(0)!] !== 1) return null;
    const prefix = `${charToken(char)}y`;
    const terms = this.statement(
      'SELECT term, doc FROM "entry_chars_vocab" WHERE term >= ? AND term < ?',
    ).all(prefix, `${charToken(char)}z`) as { term: string; doc: number }[];
    const groups = terms.map(({ term, doc }): Group => {
      const [h, b] = term.slice(prefix.length).split("x").map(Number) as [number, number];
      return { token: term, h, b, n: doc };
    });
    let total = 0;
    let inHeadline = 0;
    for (const g of groups) {
      total += g.n;
      if (g.h > 0) inHeadline += g.n;
    }
    if (total <= offset || limit <= 0) return { total, ranked: [] };
    const score = this.scorer(total, inHeadline);
    if (!score) return null;

    const first = this.statement(
      `SELECT rowid >> 32 AS d, rowid & 4294967295 AS id FROM "entry_chars" WHERE "entry_chars" MATCH ? ORDER BY rowid LIMIT ?`,
    );
    // Each group's first rows in (d, id) order are its best; the tier's page is among them.
    const tier = (inTier: readonly Group[], take: number, skip: number) => {
      if (take <= 0) return [];
      const candidates: { id: number; bm25: number }[] = [];
      for (const g of inTier) {
        const rows = first.all(`"${g.token}"`, Math.min(g.n, skip + take)) as { d: number; id: number }[];
        for (const r of rows) candidates.push({ id: r.id, bm25: score(g, r.d) });
      }
      candidates.sort((x, y) => x.bm25 - y.bm25 || x.id - y.id);
      return candidates.slice(skip, skip + take);
    };
    const ranked = tier(
      groups.filter((g) => g.h > 0),
      Math.min(limit, inHeadline - offset),
      offset,
    );
    ranked.push(
      ...tier(
        groups.filter((g) => g.h === 0),
        limit - ranked.length,
        Math.max(0, offset - inHeadline),
      ),
    );
    return { total, ranked: ranked.map(({ id, bm25 }) => ({ id, score: -bm25 })) };
  }

  /**
   * `bm25(entry_fts, 4, 1, 1)` of an entry of a group, for the two phrases of the first tier's
   * query (the term anywhere, and in the headline), with FTS5's operations in FTS5's order: the
   * rows and tokens of the whole index from its averages record, the IDFs with the C library's
   * `log` (SQLite's `ln`). Null when FTS5's figures are not what a search needs.
   */
  private scorer(hits: number, headlineHits: number): ((g: Group, d: number) => number) | null {
    const averages = this.statement("SELECT block FROM entry_fts_data WHERE id = 1").pluck().get() as
      | Uint8Array
      | undefined;
    if (!averages) return null;
    const [rows = 0, ...sizes] = varints(averages);
    let tokens = 0;
    for (const size of sizes.slice(0, INDEX_COLUMNS)) tokens += size;
    const avgdl = tokens / rows;
    const quotient = (n: number) => (rows - n + 0.5) / (n + 0.5);
    if (!(quotient(hits) > 0 && quotient(headlineHits) > 0)) return null;
    const logs = this.statement("SELECT ln(?) AS a, ln(?) AS b").get(
      quotient(hits),
      quotient(headlineHits),
    ) as { a: number; b: number };
    const idfAll = logs.a <= 0.0 ? 1e-6 : logs.a;
    const idfHead = logs.b <= 0.0 ? 1e-6 : logs.b;
    const part = (freq: number, d: number) => (freq * (K1 + 1.0)) / (freq + K1 * (1 - B + (B * d) / avgdl));
    return (g, d) => {
      let s = 0.0;
      s += idfAll * part(4 * g.h + g.b, d);
      s += idfHead * part(4 * g.h, d);
      return -1.0 * s;
    };
  }
}
