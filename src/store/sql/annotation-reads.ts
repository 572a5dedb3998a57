/** The SQL store's reads of annotations: entries' mentions and events, entities and events. */

import { applyCorrections } from "../corrections.ts";
import { formatEntryId, parseEntryId } from "../ids.ts";
import { pageOf, SUMMARY_COLUMNS, type SummaryRow, summaryOf } from "../summaries.ts";
import type {
  EntityCount,
  EntryAnnotations,
  EntryFilter,
  EntrySummary,
  EventFilter,
  EventHit,
  Page,
  PageRequest,
} from "../types.ts";
import {
  annotationsByEntry,
  type EntryKey,
  EVENT_COLUMNS,
  type EventRow,
  eventsOf,
  MENTION_COLUMNS,
  type MentionRow,
  ROLE_COLUMNS,
  type RoleRow,
} from "./annotations.ts";
import { chunks } from "./base.ts";
import { SqlCorrectionReads } from "./correction-reads.ts";
import { filterSql, joinsFor } from "./filter.ts";

/** Reads of annotations, entities and events, over `SqlCorrectionReads`. */
export class SqlAnnotationReads extends SqlCorrectionReads {
  async getAnnotations(id: string): Promise<EntryAnnotations | null> {
    const key = parseEntryId(id);
    if (!key) return null;
    const row = await this.one<{ id: number }>(
      "SELECT id FROM entries WHERE document_id = $1 AND local_id = $2",
      [key.documentId, key.localId],
    );
    if (!row) return null;
    const found = await this.annotationsWhere("e.id = $1", [row.id], "", key.documentId);
    return found.get(id) ?? { mentions: [], events: [] };
  }

  async listAnnotations(filter: EntryFilter = {}): Promise<Map<string, EntryAnnotations>> {
    const p = this.params();
    const { joins, condition } = this.scope(filter, p);
    return this.annotationsWhere(condition, p.values, joins, filter.documentId);
  }

  /**
   * The annotations of the entries `e` that a condition keeps (`""`: every entry), with the
   * corrections that hold laid over them. Each table is read in the order of its index by entry
   * (or event), and the entries put in text order here.
   *
   * @param documentId the one document the entries belong to, when the condition says so
   */
  private async annotationsWhere(
    condition: string,
    values: readonly unknown[],
    joins = "",
    documentId?: number,
  ): Promise<Map<string, EntryAnnotations>> {
    const [stored, corrections] = await Promise.all([
      this.storedAnnotationsWhere(condition, values, joins),
      this.appliedCorrections(documentId),
    ]);
    if (corrections.size === 0) return stored.annotations;
    const out = new Map<string, EntryAnnotations>();
    const ordered = [...stored.entries].sort((a, b) => a.document_id - b.document_id || a.ord - b.ord);
    for (const e of ordered) {
      const id = formatEntryId(e.document_id, e.local_id);
      const own = stored.annotations.get(id);
      const changes = corrections.get(id);
      if (!changes) {
        if (own) out.set(id, own);
        continue;
      }
      const corrected = applyCorrections(own ?? { mentions: [], events: [] }, changes);
      if (own || corrected.mentions.length || corrected.events.length) out.set(id, corrected);
    }
    return out;
  }

  /** The stored annotations of the entries a condition keeps, and those entries in text order. */
  private async storedAnnotationsWhere(
    condition: string,
    values: readonly unknown[],
    joins: string,
  ): Promise<{ entries: EntryKey[]; annotations: Map<string, EntryAnnotations> }> {
    const kept = condition ? `SELECT e.id FROM entries e ${joins} WHERE ${condition}` : "";
    const [entries, mentions, events, roles] = await Promise.all([
      this.sql.all<EntryKey>(
        `SELECT e.id, e.document_id, e.local_id, e.ord FROM entries e ${joins} ${condition ? `WHERE ${condition}` : ""}`,
        values,
      ),
      this.sql.all<MentionRow>(
        `SELECT ${MENTION_COLUMNS} FROM mentions m LEFT JOIN entities en ON en.id = m.entity_id
         ${kept ? `WHERE m.entry_id IN (${kept})` : ""} ORDER BY m.entry_id, m.ord`,
        values,
      ),
      this.sql.all<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events ev ${kept ? `WHERE ev.entry_id IN (${kept})` : ""}
         ORDER BY ev.entry_id, ev.ord`,
        values,
      ),
      this.sql.all<RoleRow>(
        `SELECT ${ROLE_COLUMNS} FROM event_roles r LEFT JOIN entities en ON en.id = r.entity_id
         ${kept ? `WHERE r.event_id IN (SELECT ev.id FROM events ev WHERE ev.entry_id IN (${kept}))` : ""}
         ORDER BY r.event_id, r.ord`,
        values,
      ),
    ]);
    return { entries, annotations: annotationsByEntry(entries, mentions, events, roles) };
  }

  async listEntities(filter: EntryFilter & { kind?: string } = {}): Promise<EntityCount[]> {
    const { kind, ...entryFilter } = filter;
    const p = this.params();
    const { joins, condition } = this.scope(entryFilter, p);
    const conditions = [condition, kind === undefined ? "" : `en.kind = ${p.add(kind)}`]
      .filter(Boolean)
      .join(" AND ");
    const rows = await this.sql.all<{
      ref: string;
      kind: string;
      name: string;
      mention_count: number;
      entry_count: number;
    }>(
      `WITH named AS (
         SELECT m.entity_id, m.entry_id, 1 AS mention FROM mentions m WHERE m.entity_id IS NOT NULL
         UNION ALL
         SELECT r.entity_id, ev.entry_id, 0 FROM event_roles r JOIN events ev ON ev.id = r.event_id
         WHERE r.entity_id IS NOT NULL
       )
       SELECT en.ref, en.kind, en.name, sum(n.mention) AS mention_count, count(DISTINCT n.entry_id) AS entry_count
       FROM named n JOIN entities en ON en.id = n.entity_id JOIN entries e ON e.id = n.entry_id ${joins}
       ${conditions ? `WHERE ${conditions}` : ""}
       GROUP BY en.id, en.ref, en.kind, en.name ORDER BY mention_count DESC, en.ref${this.sql.collate}`,
      p.values,
    );
    return rows.map((r) => ({
      ref: r.ref,
      kind: r.kind,
      name: r.name,
      mentionCount: Number(r.mention_count),
      entryCount: r.entry_count,
    }));
  }

  async listEvents(filter: EventFilter = {}, page: PageRequest = {}): Promise<Page<EventHit>> {
    const { limit, offset } = pageOf(page);
    const { type, participant, ...entryFilter } = filter;
    const p = this.params();
    const { conditions, needsCorpus } = filterSql(entryFilter, p);
    if (type !== undefined) conditions.push(`ev.type = ${p.add(type)}`);
    if (participant !== undefined)
      conditions.push(
        `ev.id IN (SELECT r.event_id FROM event_roles r
          WHERE r.entity_id = (SELECT en.id FROM entities en WHERE en.ref = ${p.add(participant)}))`,
      );
    const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
    const from = `FROM events ev JOIN entries e ON e.id = ev.entry_id ${joinsFor(needsCorpus)} ${where}`;
    const total = (await this.one<{ n: number }>(`SELECT count(*) AS n ${from}`, p.values))!.n;
    const limitRef = p.add(limit, "bigint");
    const offsetRef = p.add(offset, "bigint");
    const rows = await this.sql.all<EventRow>(
      `SELECT ${EVENT_COLUMNS} ${from} ORDER BY e.document_id, e.ord, ev.ord
       LIMIT ${limitRef} OFFSET ${offsetRef}`,
      p.values,
    );
    const summaries = new Map<number, EntrySummary>();
    const roles: RoleRow[] = [];
    for (const chunk of chunks(rows)) {
      const q = this.params();
      const entries = [...new Set(chunk.map((r) => r.entry_id))].map((id) => q.add(id, "bigint"));
      for (const row of await this.sql.all<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM entries e JOIN years y ON y.id = e.year_id WHERE e.id IN (${entries.join(", ")})`,
        q.values,
      ))
        summaries.set(row.id, summaryOf(row));
      const rp = this.params();
      roles.push(
        ...(await this.sql.all<RoleRow>(
          `SELECT ${ROLE_COLUMNS} FROM event_roles r LEFT JOIN entities en ON en.id = r.entity_id
           WHERE r.event_id IN (${chunk.map((e) => rp.add(e.id, "bigint")).join(", ")}) ORDER BY r.event_id, r.ord`,
          rp.values,
        )),
      );
    }
    const events = eventsOf(rows, roles);
    return {
      total,
      limit,
      offset,
      results: rows.map((row, i) => ({ entry: summaries.get(row.entry_id)!, event: events[i]! })),
    };
  }
}
