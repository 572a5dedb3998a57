/**
 * The store, written once: every read and write of the `Store` contract as SQL that SQLite and
 * PostgreSQL both run, over a `Dialect` that runs it (`../sqlite/store.ts`,
 * `../postgres/store.ts`). The dialects add only what differs: connections and transactions,
 * schema creation and migrations, and the search index.
 *
 * It is built in layers, one concern each: `base.ts` (the dialect and shared helpers),
 * `documents.ts` (reads of documents), `writes.ts` (storing and deleting documents),
 * `correction-reads.ts` (the corrections layer, laid over the annotations when they are read),
 * `annotation-reads.ts` (annotations, entities, events; `corrected.ts` makes the counts and
 * filters over the tables agree with the corrections), `entries.ts` (reads of entries),
 * `correction-writes.ts` (adding and undoing corrections), and here the sources, search, and the
 * whole `Store`.
 */
import { fold } from "../../search/fold.ts";
import { findMatches } from "../../search/highlight.ts";
import { parseQuery, type QueryTerm } from "../../search/query.ts";
import { formatEntryId } from "../ids.ts";
import { pageOf, SUMMARY_COLUMNS, type SummaryRow, summaryOf } from "../summaries.ts";
import type {
  FieldMatch,
  SearchHit,
  SearchPage,
  SearchRequest,
  SourceDetail,
  SourceSummary,
  Store,
} from "../types.ts";
import { byEntry } from "./base.ts";
import { SqlCorrectionWrites } from "./correction-writes.ts";
import { filterSql, joinsFor } from "./filter.ts";

/** How many entries one statement reads the order of. */
const ORDER_CHUNK = 500;

/**
 * The `Store` contract over a `Dialect`: the same statements, in the same order, on SQLite and
 * PostgreSQL. Open it through `openSqliteStore` or `openPostgresStore`.
 */
export class SqlStore extends SqlCorrectionWrites implements Store {
  grouped<T>(work: () => Promise<T>): Promise<T> {
    return this.sql.grouped ? this.sql.grouped(work) : work();
  }

  async listSources(filter: { corpus?: string } = {}): Promise<SourceSummary[]> {
    const p = this.params();
    const corpus = p.add(filter.corpus ?? null, "text");
    // Texts compare by code point, on both backends.
    const rows = await this.sql.all<{ work: string; citation_count: number; entry_count: number }>(
      `SELECT min(ci.work${this.sql.collate}) AS work, count(*) AS citation_count, count(DISTINCT ci.entry_id) AS entry_count
       FROM citations ci JOIN entries e ON e.id = ci.entry_id
       JOIN documents d ON d.id = e.document_id JOIN corpora c ON c.id = d.corpus_id
       WHERE ${corpus} IS NULL OR c.name = ${corpus}
       GROUP BY ci.work_key ORDER BY citation_count DESC, work`,
      p.values,
    );
    return rows.map((r) => ({ work: r.work, citationCount: r.citation_count, entryCount: r.entry_count }));
  }

  async getSource(work: string): Promise<SourceDetail | null> {
    const rows = await this.sql.all<{
      work: string;
      section: string | null;
      juan: number | null;
      document_id: number;
      local_id: string;
      headline: string;
      label: string | null;
    }>(
      `SELECT ci.work, ci.section, ci.juan, e.document_id, e.local_id, e.headline, y.label
       FROM citations ci JOIN entries e ON e.id = ci.entry_id JOIN years y ON y.id = e.year_id
       WHERE ci.work_key = $1
       ORDER BY ci.section IS NOT NULL, ci.section${this.sql.collate}, ci.juan IS NOT NULL, ci.juan, e.document_id, e.ord`,
      [fold(work)],
    );
    if (rows.length === 0) return null;
    const parts: SourceDetail["parts"] = [];
    const entryIds = new Set<string>();
    let part: SourceDetail["parts"][number] | undefined;
    let seen = new Set<string>();
    for (const row of rows) {
      if (!part || part.section !== row.section || part.juan !== row.juan) {
        part = { section: row.section, juan: row.juan, entries: [] };
        parts.push(part);
        seen = new Set();
      }
      const id = formatEntryId(row.document_id, row.local_id);
      entryIds.add(id);
      if (seen.has(id)) continue;
      seen.add(id);
      part.entries.push({ id, headline: row.headline, year: row.label });
    }
    const names = rows.map((r) => r.work).sort();
    return { work: names[0]!, citationCount: rows.length, entryCount: entryIds.size, parts };
  }

  // Search

  async search(request: SearchRequest): Promise<SearchPage> {
    const terms = parseQuery(request.query);
    const { limit, offset } = pageOf(request);
    const p = this.params();
    const { conditions, needsCorpus } = filterSql(request, p, await this.correctionScopeOf(request));
    const filter = { joins: conditions.length ? joinsFor(needsCorpus) : "", conditions };
    const order = request.order ?? "relevance";
    let total: number;
    let ranked: { id: number; score: number }[];
    if (order === "relevance") {
      ({ total, ranked } = await this.sql.rank(terms, filter, { limit, offset }, p));
    } else {
      // Every match, ranked as the index gives them, then put in order here and paged.
      const all = await this.sql.rank(terms, filter, { limit: Number.MAX_SAFE_INTEGER, offset: 0 }, p);
      total = all.total;
      ranked = (await this.inOrder(all.ranked, order)).slice(offset, offset + limit);
    }
    const results = await this.hits(ranked, terms);
    return { total, limit, offset, terms: terms.map(({ text, folded }) => ({ text, folded })), results };
  }

  /** Ranked entries put in date or document order (see `EntryOrder`). */
  private async inOrder<T extends { id: number }>(
    ranked: readonly T[],
    order: "date" | "document",
  ): Promise<T[]> {
    const keys = new Map<number, { jdn: number | null; document: number; ord: number }>();
    for (let i = 0; i < ranked.length; i += ORDER_CHUNK) {
      const p = this.params();
      const list = ranked
        .slice(i, i + ORDER_CHUNK)
        .map((r) => p.add(r.id, "bigint"))
        .join(", ");
      const rows = await this.sql.all<{
        id: number;
        jdn_start: number | null;
        document_id: number;
        ord: number;
      }>(`SELECT id, jdn_start, document_id, ord FROM entries WHERE id IN (${list})`, p.values);
      for (const r of rows)
        keys.set(Number(r.id), {
          jdn: r.jdn_start === null ? null : Number(r.jdn_start),
          document: Number(r.document_id),
          ord: Number(r.ord),
        });
    }
    const key = (id: number) => keys.get(id) ?? { jdn: null, document: 0, ord: 0 };
    return [...ranked].sort((x, y) => {
      const a = key(x.id);
      const b = key(y.id);
      if (order === "date" && a.jdn !== b.jdn) {
        if (a.jdn === null) return 1;
        if (b.jdn === null) return -1;
        return a.jdn - b.jdn;
      }
      return a.document - b.document || a.ord - b.ord;
    });
  }

  /** The ranked entries with their summaries and every match of the terms in their fields. */
  private async hits(ranked: readonly { id: number; score: number }[], terms: readonly QueryTerm[]) {
    if (ranked.length === 0) return [];
    const p = this.params();
    const list = ranked.map((r) => p.add(r.id, "bigint")).join(", ");
    const [summaries, paragraphs] = await Promise.all([
      this.sql.all<SummaryRow & { headline_start_offset: number }>(
        `SELECT ${SUMMARY_COLUMNS}, e.headline_start_offset FROM entries e JOIN years y ON y.id = e.year_id
         WHERE e.id IN (${list})`,
        p.values,
      ),
      this.sql.all<{
        entry_id: number;
        kind: "detail" | "note";
        ord: number;
        text: string;
        start_offset: number;
      }>(
        `SELECT entry_id, 'detail' AS kind, ord, text, start_offset FROM details WHERE entry_id IN (${list})
         UNION ALL SELECT entry_id, 'note', ord, text, start_offset FROM notes WHERE entry_id IN (${list})`,
        p.values,
      ),
    ]);
    const byId = new Map(summaries.map((s) => [s.id, s]));
    const own = byEntry(paragraphs);
    return ranked.map(({ id, score }): SearchHit => {
      const row = byId.get(id);
      if (!row) throw new Error(`Expected entry ${id} to be stored`);
      const matches: FieldMatch[] = [];
      const add = (field: FieldMatch["field"], index: number, text: string, start: number) => {
        for (const m of findMatches(text, terms)) {
          matches.push({
            field,
            index,
            term: m.term,
            start: m.start,
            end: m.end,
            documentStart: start + m.start,
            documentEnd: start + m.end,
          });
        }
      };
      add("headline", 0, row.headline, row.headline_start_offset);
      const fields = [...(own.get(id) ?? [])].sort((a, b) =>
        a.kind === b.kind ? a.ord - b.ord : a.kind === "detail" ? -1 : 1,
      );
      for (const f of fields) add(f.kind, f.ord, f.text, f.start_offset);
      return { ...summaryOf(row), score, matches };
    });
  }

  async close(): Promise<void> {
    await this.sql.close();
  }
}
