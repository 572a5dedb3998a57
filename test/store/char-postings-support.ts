/**
 * Helpers of the tests of SQLite's per-character postings (`src/store/sqlite/chars.ts`) and pair
 * index (`src/store/sqlite/pairs.ts`).
 */
import assert from "node:assert/strict";
import type Database from "better-sqlite3";
import { fold } from "../../src/search/fold.ts";
import { parseQuery } from "../../src/search/query.ts";
import type { SearchRequest, SqliteStore } from "../../src/store/index.ts";
import { matchExpression } from "../../src/store/sqlite/fts.ts";

/** Takes the pair index and the filters' index out of a database, as a database of schema version 6 or older was. */
export function dropPairIndex(db: Database.Database): void {
  db.exec(`
    DROP TRIGGER "entries_delete_pairs";
    DROP TRIGGER "entries_insert_pairs";
    DROP TABLE "entry_pairs";
    DROP TABLE "pairs_pending";
    DROP INDEX "entries_search_filter";
  `);
}

/** Takes the postings and the pair index out of a database, as a database of schema version 5 or older was. */
export function dropCharPostings(db: Database.Database): void {
  dropPairIndex(db);
  db.exec(`
    DROP TRIGGER "entries_delete_chars";
    DROP TABLE "entry_chars_vocab";
    DROP TABLE "entry_chars";
    DROP TABLE "entry_tokens";
  `);
}

/** Every stored entry's folded fields (headline, then each detail and note), read from the tables. */
export function storedFields(store: SqliteStore): Map<number, { key: string; fields: string[] }> {
  const out = new Map<number, { key: string; fields: string[] }>();
  const entries = store.db.prepare("SELECT id, document_id, local_id, headline FROM entries").all() as {
    id: number;
    document_id: number;
    local_id: string;
    headline: string;
  }[];
  for (const e of entries)
    out.set(e.id, { key: `${e.document_id}:${e.local_id}`, fields: [fold(e.headline)] });
  for (const table of ["details", "notes"]) {
    const rows = store.db.prepare(`SELECT entry_id, text FROM ${table} ORDER BY entry_id, ord`).all() as {
      entry_id: number;
      text: string;
    }[];
    for (const r of rows) out.get(r.entry_id)!.fields.push(fold(r.text));
  }
  return out;
}

/** Occurrences of `term` in `text`, overlapping ones counted (as FTS5 counts phrase hits). */
function occurrences(text: string, term: string): number {
  let n = 0;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) n++;
  return n;
}

/** The entries holding every term in one field each, by a plain scan (optionally of one document). */
export function scanCount(
  fields: Map<number, { key: string; fields: string[] }>,
  query: string,
  documentId?: number,
) {
  const terms = query.split(" ").map(fold);
  let n = 0;
  for (const { key, fields: texts } of fields.values()) {
    if (documentId !== undefined && !key.startsWith(`${documentId}:`)) continue;
    if (terms.every((t) => texts.some((f) => f.includes(t)))) n++;
  }
  return n;
}

/** The page as the store ranked it before: FTS5's bm25 over the two tiers, each counted. */
export function ftsPage(
  store: SqliteStore,
  request: SearchRequest,
): { total: number; ids: number[]; scores: number[] } {
  const terms = parseQuery(request.query);
  const limit = request.limit ?? 20;
  const offset = request.offset ?? 0;
  const filter = request.documentId === undefined ? "" : ` AND e.document_id = ${request.documentId}`;
  const from = `FROM entry_fts JOIN entries e ON e.id = entry_fts.rowid WHERE entry_fts MATCH ?${filter}`;
  const count = (m: string) => (store.db.prepare(`SELECT count(*) AS n ${from}`).get(m) as { n: number }).n;
  const rank = (m: string, take: number, skip: number) =>
    take <= 0
      ? []
      : (store.db
          .prepare(
            `SELECT entry_fts.rowid AS id, bm25(entry_fts, 4.0, 1.0, 1.0) AS bm25 ${from} ORDER BY bm25, id LIMIT ? OFFSET ?`,
          )
          .all(m, take, skip) as { id: number; bm25: number }[]);
  const match = matchExpression(terms);
  const headline = `headline : (${terms.map((t) => matchExpression([t])).join(" OR ")})`;
  const total = count(match);
  const inFirst = count(`(${match}) AND ${headline}`);
  const ranked = rank(`(${match}) AND ${headline}`, Math.min(limit, inFirst - offset), offset);
  ranked.push(...rank(`(${match}) NOT ${headline}`, limit - ranked.length, Math.max(0, offset - inFirst)));
  return { total, ids: ranked.map((r) => r.id), scores: ranked.map((r) => -r.bm25) };
}

/** Checks one search against the plain scan and FTS5's own ranking. */
export async function check(
  store: SqliteStore,
  fields: Map<number, { key: string; fields: string[] }>,
  request: SearchRequest,
) {
  const page = await store.search(request);
  const label = JSON.stringify(request);
  assert.equal(page.total, scanCount(fields, request.query, request.documentId), label);
  const expected = ftsPage(store, request);
  assert.equal(page.total, expected.total, label);
  assert.deepEqual(
    page.results.map((r) => r.id),
    expected.ids.map((id) => fields.get(id)!.key),
    label,
  );
  assert.deepEqual(
    page.results.map((r) => r.score),
    expected.scores,
    label,
  );
  // Every occurrence of every term in the entry is highlighted.
  const terms = request.query.split(" ").map(fold);
  for (const [i, hit] of page.results.entries()) {
    const texts = fields.get(expected.ids[i]!)!.fields;
    const expectedMatches = terms.reduce((k, t) => k + texts.reduce((m, f) => m + occurrences(f, t), 0), 0);
    assert.equal(hit.matches.length, expectedMatches, `${label} ${hit.id}`);
  }
  return page;
}
