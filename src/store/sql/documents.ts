/** The SQL store's reads of documents: their summaries, annotations and (cached) texts. */
import type { DocumentAnnotation } from "../../annotate/types.ts";
import type { Message } from "../../parse/types.ts";
import { documentOrder } from "../document-info.ts";
import { DOCUMENT_COLUMNS, type DocumentSummaryRow, documentOf } from "../summaries.ts";
import type { DocumentDetail, DocumentSummary } from "../types.ts";
import { SqlStoreBase } from "./base.ts";

/** The `meta` row that counts the writes of documents (`dataVersion`). */
export const DATA_VERSION_KEY = "data_version";

/** Document texts kept in memory for slicing, in UTF-16 code units. */
const TEXT_CACHE_LIMIT = 64 * 1024 * 1024;

/** Reads of documents, over `SqlStoreBase`. */
export class SqlDocumentReads extends SqlStoreBase {
  protected readonly texts = new Map<number, { sha256: string; text: string }>();

  async findDocument(corpus: string, path: string): Promise<DocumentSummary | null> {
    const row = await this.one<DocumentSummaryRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d JOIN corpora c ON c.id = d.corpus_id
       WHERE c.name = $1 AND d.path = $2`,
      [corpus, path],
    );
    return row ? documentOf(row) : null;
  }

  async documentChecksum(corpus: string, path: string): Promise<string | null> {
    const row = await this.one<{ sha256: string }>(
      `SELECT d.sha256 FROM documents d JOIN corpora c ON c.id = d.corpus_id
       WHERE c.name = $1 AND d.path = $2`,
      [corpus, path],
    );
    return row?.sha256 ?? null;
  }

  async listDocuments(filter: { corpus?: string } = {}): Promise<DocumentSummary[]> {
    const p = this.params();
    const corpus = p.add(filter.corpus ?? null, "text");
    const rows = await this.sql.all<DocumentSummaryRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d JOIN corpora c ON c.id = d.corpus_id
       WHERE ${corpus} IS NULL OR c.name = ${corpus} ORDER BY ${documentOrder(this.sql.collate)}`,
      p.values,
    );
    return rows.map(documentOf);
  }

  async dataVersion(): Promise<string> {
    const row = await this.one<{ value: string }>(
      `SELECT value FROM meta WHERE key = '${DATA_VERSION_KEY}'`,
      [],
    );
    return row?.value ?? "0";
  }

  async getDocument(id: number): Promise<DocumentDetail | null> {
    if (!Number.isSafeInteger(id)) return null;
    const row = await this.one<DocumentSummaryRow & { messages: string }>(
      `SELECT ${DOCUMENT_COLUMNS}, d.messages FROM documents d JOIN corpora c ON c.id = d.corpus_id WHERE d.id = $1`,
      [id],
    );
    if (!row) return null;
    return { ...documentOf(row), messages: JSON.parse(row.messages) as Message[] };
  }

  async getDocumentAnnotation(documentId: number): Promise<DocumentAnnotation | null> {
    if (!Number.isSafeInteger(documentId)) return null;
    const row = await this.one<{ annotation: string | null }>(
      "SELECT annotation FROM documents WHERE id = $1",
      [documentId],
    );
    // The JSON the store wrote from the tree's `data.annotation`.
    return row?.annotation ? (JSON.parse(row.annotation) as DocumentAnnotation) : null;
  }

  /** The whole text of a document, from a small cache checked against the checksum. */
  private async documentText(id: number): Promise<string | null> {
    if (!Number.isSafeInteger(id)) return null;
    const current = await this.one<{ sha256: string }>("SELECT sha256 FROM documents WHERE id = $1", [id]);
    if (!current) {
      this.texts.delete(id);
      return null;
    }
    const cached = this.texts.get(id);
    if (cached && cached.sha256 === current.sha256) {
      this.texts.delete(id);
      this.texts.set(id, cached);
      return cached.text;
    }
    const row = await this.one<{ sha256: string; text: string }>(
      "SELECT sha256, text FROM documents WHERE id = $1",
      [id],
    );
    if (!row) return null;
    this.texts.set(id, row);
    let total = 0;
    for (const [key, value] of [...this.texts].reverse()) {
      total += value.text.length;
      if (total > TEXT_CACHE_LIMIT && key !== id) this.texts.delete(key);
    }
    return row.text;
  }

  async getDocumentText(id: number, start?: number, end?: number): Promise<string | null> {
    const text = await this.documentText(id);
    if (text === null) return null;
    const from = Math.min(Math.max(0, start ?? 0), text.length);
    const to = Math.min(Math.max(from, end ?? text.length), text.length);
    return text.slice(from, to);
  }
}
