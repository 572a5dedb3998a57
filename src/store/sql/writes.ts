/** The SQL store's writes: storing a document's rows (and its search index) and deleting it. */
import { type DocumentRows, documentToRows, type EntryRows, type YearRows } from "../rows.ts";
import * as schema from "../schema.ts";
import type { DocumentInput, PreparedDocument, ProgressCallback, PutResult } from "../types.ts";
import type { SqlWriter } from "./dialect.ts";
import { DATA_VERSION_KEY, SqlDocumentReads } from "./documents.ts";

/**
 * Counts the writes in `meta` (documents stored or deleted, corrections made or undone), in the
 * transaction that makes them: what `dataVersion` reads.
 * Last in its transaction, so that concurrent writers hold the row only while they commit.
 */
export async function bumpDataVersion(writer: SqlWriter): Promise<void> {
  await writer.run(
    `INSERT INTO meta (key, value) VALUES ('${DATA_VERSION_KEY}', '1')
     ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)`,
  );
}

/** Entries are written in batches this large, with a progress report after each. */
const BATCH = 256;

/** Writes of documents, over `SqlDocumentReads`. */
export class SqlWrites extends SqlDocumentReads {
  async putDocument(
    input: DocumentInput | PreparedDocument,
    onProgress?: ProgressCallback,
  ): Promise<PutResult> {
    const before = await this.findDocument(input.corpus, input.path);
    if (before && before.sha256 === input.sha256 && !input.replace)
      return { status: "unchanged", document: before };
    const rows = "rows" in input ? input.rows : documentToRows(input);
    const outcome = await this.sql.write(
      async (writer): Promise<{ status: PutResult["status"]; id: number }> => {
        const current = (
          await writer.all<{ id: number; sha256: string }>(
            `SELECT d.id, d.sha256 FROM documents d JOIN corpora c ON c.id = d.corpus_id
             WHERE c.name = $1 AND d.path = $2`,
            [input.corpus, input.path],
          )
        )[0];
        if (current && current.sha256 === input.sha256 && !input.replace)
          return { status: "unchanged", id: current.id };
        const id = await this.writeRows(writer, input.corpus, rows, current?.id ?? null, onProgress);
        await bumpDataVersion(writer);
        return { status: current ? "replaced" : "added", id };
      },
      { corpus: input.corpus, path: input.path },
    );
    this.texts.delete(outcome.id);
    const document = await this.getDocument(outcome.id);
    if (!document) throw new Error(`Expected document ${outcome.id} to be stored`);
    const { messages: _messages, ...summary } = document;
    return { status: outcome.status, document: summary };
  }

  private async writeRows(
    writer: SqlWriter,
    corpus: string,
    rows: DocumentRows,
    replacing: number | null,
    onProgress?: ProgressCallback,
  ): Promise<number> {
    await writer.run("INSERT INTO corpora (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", [
      corpus,
      rows.document.ingested_at,
    ]);
    const corpusId = (
      await writer.all<{ id: number }>("SELECT id FROM corpora WHERE name = $1", [corpus])
    )[0]!.id;
    if (replacing !== null) await writer.run("DELETE FROM documents WHERE id = $1", [replacing]);
    const documentId = replacing ?? (await writer.nextIds("documents", 1))[0]!;
    await writer.insert(schema.documents, [{ id: documentId, corpus_id: corpusId, ...rows.document }]);
    // In code point order, so that writers of different documents never wait for each other in a circle.
    const entities = await writer.entities(
      [...rows.entities].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)),
    );
    const entityOf = (ref: string | null) => (ref === null ? null : (entities.get(ref) ?? null));
    onProgress?.(0, rows.entryCount);
    let done = 0;
    let lastYearId = 0;
    const writeYears = async (years: readonly YearRows[]) => {
      const starting = years.filter((y) => !y.continues);
      const startingIds = await writer.nextIds("years", starting.length);
      await writer.insert(
        schema.years,
        starting.map((y, i) => ({ id: startingIds[i], document_id: documentId, ...y.year })),
      );
      let next = 0;
      const yearIds = years.map((y) => {
        if (!y.continues) lastYearId = startingIds[next++]!;
        return lastYearId;
      });
      const entries = years.flatMap((y, i) => y.entries.map((entry) => ({ yearId: yearIds[i]!, entry })));
      for (let start = 0; start < entries.length; start += BATCH) {
        const batch = entries.slice(start, start + BATCH);
        await this.writeEntries(writer, documentId, batch, entityOf);
        done += batch.length;
        onProgress?.(done, rows.entryCount);
      }
    };
    await writeYears(rows.years);
    if (rows.moreYears) for await (const years of rows.moreYears) await writeYears(years);
    // Last: by now the reading thread has let go of a large document's tree, part by part.
    if (rows.textBytes) {
      const { buffer, byteOffset, byteLength } = rows.textBytes;
      await writer.run(`UPDATE documents SET text = ${this.sql.textFromUtf8("$1")} WHERE id = $2`, [
        Buffer.from(buffer, byteOffset, byteLength),
        documentId,
      ]);
    }
    return documentId;
  }

  /** Writes a batch of entries, with everything under them and their search index rows. */
  private async writeEntries(
    writer: SqlWriter,
    documentId: number,
    batch: readonly { yearId: number; entry: EntryRows }[],
    entityOf: (ref: string | null) => number | null,
  ): Promise<void> {
    const ids = await writer.nextIds("entries", batch.length);
    const child = <R extends object>(pick: (e: (typeof batch)[number]["entry"]) => readonly R[]) =>
      batch.flatMap(({ entry }, i) => pick(entry).map((row) => ({ id: 0, entry_id: ids[i]!, ...row })));
    /** Inserts rows of a table (made here, each with an `id` to fill), with new ids; resolves to the ids. */
    const insert = async (table: schema.AnyTable, list: { id: number }[]): Promise<number[]> => {
      const allocated = await writer.nextIds(table.name, list.length);
      list.forEach((row, k) => {
        row.id = allocated[k]!;
      });
      await writer.insert(table, list);
      return allocated;
    };
    await writer.insert(
      schema.entries,
      batch.map(({ yearId, entry }, i) => ({
        id: ids[i],
        document_id: documentId,
        year_id: yearId,
        ...entry.entry,
      })),
    );
    await insert(
      schema.details,
      child((e) => e.details),
    );
    await insert(
      schema.citations,
      child((e) => e.citations),
    );
    await insert(
      schema.notes,
      child((e) => e.notes),
    );
    await insert(
      schema.variants,
      child((e) => e.variants),
    );
    await insert(
      schema.mentions,
      child((e) => e.mentions.map(({ ref, ...m }) => ({ ...m, entity_id: entityOf(ref) }))),
    );
    const events = child((e) => e.events);
    const eventIds = await insert(
      schema.events,
      events.map(({ entry_id, event }) => ({ id: 0, entry_id, ...event })),
    );
    await insert(
      schema.eventRoles,
      events.flatMap(({ roles }, k) =>
        roles.map(({ ref, ...r }) => ({ id: 0, event_id: eventIds[k], ...r, entity_id: entityOf(ref) })),
      ),
    );
    await writer.index(
      batch.map(({ entry }, i) => ({
        id: ids[i]!,
        headline: entry.entry.headline,
        details: entry.details.map((d) => d.text),
        notes: entry.notes.map((n) => n.text),
      })),
    );
  }

  async deleteDocument(id: number): Promise<boolean> {
    if (!Number.isSafeInteger(id)) return false;
    const changed = await this.sql.write(async (writer) => {
      const deleted = await writer.run("DELETE FROM documents WHERE id = $1", [id]);
      if (deleted > 0) await bumpDataVersion(writer);
      return deleted;
    });
    this.texts.delete(id);
    return changed > 0;
  }
}
