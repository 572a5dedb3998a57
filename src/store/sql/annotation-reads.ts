/** The SQL store's reads of annotations: entries' mentions and events, entities and events. */

import type { ChronicleEvent } from "../../annotate/types.ts";
import { applyCorrections } from "../corrections.ts";
import { formatEntryId, parseEntryId } from "../ids.ts";
import { kindOfRef } from "../rows.ts";
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
import {
  type CorrectedEntry,
  type CorrectionScope,
  compareCodePoints,
  correctionScope,
  countNamed,
  hasParticipant,
  textOrder,
} from "./corrected.ts";
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
    const { joins, condition } = this.scope(filter, p, await this.correctionScopeOf(filter));
    return this.annotationsWhere(condition, p.values, joins, filter.documentId);
  }

  /**
   * The entries whose mentions, events or roles the corrections that hold change, in text order,
   * each with its annotations corrected.
   *
   * @param documentId only those of this document
   */
  protected async correctedEntries(documentId?: number): Promise<CorrectedEntry[]> {
    const corrections = await this.appliedCorrections(documentId);
    const wanted = [...corrections.keys()].filter((id) =>
      corrections.get(id)!.some((c) => c.target !== "date"),
    );
    const keys: EntryKey[] = [];
    for (const chunk of chunks(wanted)) {
      const p = this.params();
      const where = chunk.map((id) => {
        const key = parseEntryId(id)!;
        return `(e.document_id = ${p.add(key.documentId, "bigint")} AND e.local_id = ${p.add(key.localId)})`;
      });
      keys.push(
        ...(await this.sql.all<EntryKey>(
          `SELECT e.id, e.document_id, e.local_id, e.ord FROM entries e WHERE ${where.join(" OR ")}`,
          p.values,
        )),
      );
    }
    const out: CorrectedEntry[] = [];
    for (const chunk of chunks(keys.sort(textOrder))) {
      const p = this.params();
      const list = chunk.map((k) => p.add(k.id, "bigint")).join(", ");
      const stored = await this.storedAnnotationsWhere(`e.id IN (${list})`, p.values, "");
      for (const key of chunk) {
        const id = formatEntryId(key.document_id, key.local_id);
        const own = stored.annotations.get(id) ?? { mentions: [], events: [] };
        out.push({ ...key, annotations: applyCorrections(own, corrections.get(id) ?? []) });
      }
    }
    return out;
  }

  /** How a filter's entity and event type treat the corrected entries (see `filterSql`). */
  protected async correctionScopeOf(filter: EntryFilter): Promise<CorrectionScope | undefined> {
    if (filter.entity === undefined && filter.eventType === undefined) return undefined;
    return correctionScope(filter, await this.correctedEntries(filter.documentId));
  }

  /** Those of the corrected entries that an entry filter keeps, judged by their corrected annotations. */
  private async keptOf(filter: EntryFilter, corrected: readonly CorrectedEntry[]): Promise<CorrectedEntry[]> {
    const kept = new Set<number>();
    for (const chunk of chunks(corrected)) {
      const p = this.params();
      const { conditions, needsCorpus } = filterSql(filter, p, correctionScope(filter, chunk));
      conditions.push(`e.id IN (${chunk.map((c) => p.add(c.id, "bigint")).join(", ")})`);
      const rows = await this.sql.all<{ id: number }>(
        `SELECT e.id FROM entries e ${joinsFor(needsCorpus)} WHERE ${conditions.join(" AND ")}`,
        p.values,
      );
      for (const row of rows) kept.add(Number(row.id));
    }
    return corrected.filter((c) => kept.has(Number(c.id)));
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
    const corrected = await this.correctedEntries(entryFilter.documentId);
    const p = this.params();
    const { joins, condition } = this.scope(entryFilter, p, correctionScope(entryFilter, corrected));
    const conditions = [
      condition,
      kind === undefined ? "" : `en.kind = ${p.add(kind)}`,
      // The corrected entries are counted from their corrected annotations (`withCorrected`).
      corrected.length === 0 ? "" : `e.id NOT IN (${corrected.map((c) => p.add(c.id, "bigint")).join(", ")})`,
    ]
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
    const counts = rows.map((r) => ({
      ref: r.ref,
      kind: r.kind,
      name: r.name,
      mentionCount: Number(r.mention_count),
      entryCount: Number(r.entry_count),
    }));
    if (corrected.length === 0) return counts;
    return this.withCorrected(counts, await this.keptOf(entryFilter, corrected), kind);
  }

  /**
   * Entity counts with what corrected entries name added, in the order of `listEntities`. An
   * entity the store has no row for (a correction named it from the authority) is named by the
   * text it was found at.
   */
  private async withCorrected(
    counts: EntityCount[],
    corrected: readonly CorrectedEntry[],
    kind: string | undefined,
  ): Promise<EntityCount[]> {
    const named = countNamed(corrected);
    const byRef = new Map(counts.map((c) => [c.ref, c]));
    const unknown = [...named.keys()].filter((ref) => !byRef.has(ref));
    const stored = new Map<string, { kind: string; name: string }>();
    for (const chunk of chunks(unknown)) {
      const p = this.params();
      const rows = await this.sql.all<{ ref: string; kind: string; name: string }>(
        `SELECT ref, kind, name FROM entities WHERE ref IN (${chunk.map((ref) => p.add(ref)).join(", ")})`,
        p.values,
      );
      for (const row of rows) stored.set(row.ref, row);
    }
    for (const [ref, count] of named) {
      const found = byRef.get(ref);
      if (found) {
        found.mentionCount += count.mentions;
        found.entryCount += count.entries.size;
        continue;
      }
      const entity = stored.get(ref) ?? { kind: kindOfRef(ref), name: count.text };
      if (kind !== undefined && entity.kind !== kind) continue;
      byRef.set(ref, {
        ref,
        kind: entity.kind,
        name: entity.name,
        mentionCount: count.mentions,
        entryCount: count.entries.size,
      });
    }
    return [...byRef.values()].sort(
      (a, b) => b.mentionCount - a.mentionCount || compareCodePoints(a.ref, b.ref),
    );
  }

  async listEvents(filter: EventFilter = {}, page: PageRequest = {}): Promise<Page<EventHit>> {
    const { limit, offset } = pageOf(page);
    const { type, participant, ...entryFilter } = filter;
    const corrected = await this.correctedEntries(entryFilter.documentId);
    const p = this.params();
    const { conditions, needsCorpus } = filterSql(entryFilter, p, correctionScope(entryFilter, corrected));
    if (type !== undefined) conditions.push(`ev.type = ${p.add(type)}`);
    if (participant !== undefined)
      conditions.push(
        `ev.id IN (SELECT r.event_id FROM event_roles r
          WHERE r.entity_id = (SELECT en.id FROM entities en WHERE en.ref = ${p.add(participant)}))`,
      );
    // The corrected entries' events are read from their corrected annotations (`extras`).
    if (corrected.length > 0)
      conditions.push(`e.id NOT IN (${corrected.map((c) => p.add(c.id, "bigint")).join(", ")})`);
    const from = (more: string[] = []) => {
      const all = [...conditions, ...more];
      return `FROM events ev JOIN entries e ON e.id = ev.entry_id ${joinsFor(needsCorpus)}
        ${all.length ? `WHERE ${all.join(" AND ")}` : ""}`;
    };
    const stored = Number((await this.one<{ n: number }>(`SELECT count(*) AS n ${from()}`, p.values))!.n);
    /** The corrected entries' events the filter keeps, each with its place in the whole list. */
    const extras: { entry: number; event: ChronicleEvent; at: number }[] = [];
    for (const entry of await this.keptOf(entryFilter, corrected)) {
      const events = entry.annotations.events.filter(
        (e) =>
          (type === undefined || e.type === type) &&
          (participant === undefined || hasParticipant(e, participant)),
      );
      if (events.length === 0) continue;
      const q = p.copy();
      const document = q.add(entry.document_id, "bigint");
      const earlier = `(e.document_id < ${document} OR (e.document_id = ${document} AND e.ord < ${q.add(entry.ord, "bigint")}))`;
      const before = Number(
        (await this.one<{ n: number }>(`SELECT count(*) AS n ${from([earlier])}`, q.values))!.n,
      );
      for (const event of events) extras.push({ entry: entry.id, event, at: before + extras.length });
    }
    const skipped = extras.filter((x) => x.at < offset).length;
    const shown = extras.filter((x) => x.at >= offset && x.at < offset + limit);
    const limitRef = p.add(Math.max(0, limit - shown.length), "bigint");
    const offsetRef = p.add(Math.max(0, offset - skipped), "bigint");
    const rows = await this.sql.all<EventRow>(
      `SELECT ${EVENT_COLUMNS} ${from()} ORDER BY e.document_id, e.ord, ev.ord
       LIMIT ${limitRef} OFFSET ${offsetRef}`,
      p.values,
    );
    const summaries = new Map<number, EntrySummary>();
    const roles: RoleRow[] = [];
    const entryIds = [...new Set([...rows.map((r) => r.entry_id), ...shown.map((x) => x.entry)])];
    for (const chunk of chunks(entryIds)) {
      const q = this.params();
      const entries = chunk.map((id) => q.add(id, "bigint"));
      for (const row of await this.sql.all<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM entries e JOIN years y ON y.id = e.year_id WHERE e.id IN (${entries.join(", ")})`,
        q.values,
      ))
        summaries.set(Number(row.id), summaryOf(row));
    }
    for (const chunk of chunks(rows)) {
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
    // The page's places in order: a corrected entry's event where it stands, the stored ones between.
    const results: EventHit[] = [];
    let next = 0;
    let extra = 0;
    for (let at = offset; next < rows.length || extra < shown.length; at++) {
      const x = shown[extra];
      if (x && (x.at === at || next >= rows.length)) {
        results.push({ entry: summaries.get(x.entry)!, event: x.event });
        extra++;
      } else {
        results.push({ entry: summaries.get(Number(rows[next]!.entry_id))!, event: events[next]! });
        next++;
      }
    }
    return { total: stored + extras.length, limit, offset, results };
  }
}
