/**
 * The PostgreSQL schema and its migrations: the tables of `../schema.ts` with the search index
 * (`search.ts`, `postings.ts`, `keys.ts`, `pairs.ts`, `inline-texts.ts`), and each upgrade from
 * an older version, as SQLite's `../sqlite/plan.ts` has them.
 */
import { FOLD_VERSION } from "../../search/fold.ts";
import { DOCUMENT_INFO_COLUMNS, documentInfoRow, infoOfStoredText } from "../document-info.ts";
import { kindOfRef } from "../rows.ts";
import * as schema from "../schema.ts";
import { moveAnnotations, storedYearState } from "../upgrade.ts";
import { columnSql, quoteId, tableDdl } from "./ddl.ts";
import { INLINE_TEXTS_DDL, INLINE_TEXTS_MIGRATION } from "./inline-texts.ts";
import { allocateIds, insertRows } from "./insert.ts";
import { EXACT_KEYS_DDL, EXACT_KEYS_MIGRATION } from "./keys.ts";
import type { PostgresMigration, PostgresMigrationPlan } from "./migrate.ts";
import { PAIR_POSITIONS_MIGRATION, PAIR_POSTINGS_DDL, PAIR_POSTINGS_MIGRATION } from "./pairs.ts";
import { POSTGRES_SCHEMA_VERSION, POSTINGS_DDL, POSTINGS_MIGRATION } from "./postings.ts";
import { SEARCH_DDL } from "./search.ts";

/**
 * Version 3 → 4: what each document is (work, juan, section… and title), read again from each
 * stored text by the parser, as the ingest now stores it.
 */
export const DOCUMENT_INFO_MIGRATION: PostgresMigration = {
  version: 4,
  description: "documents know their work, juan, section and title",
  async up(client) {
    const columns = Object.values(DOCUMENT_INFO_COLUMNS);
    await client.query(
      `ALTER TABLE "documents" ${columns.map((c) => `ADD COLUMN IF NOT EXISTS ${columnSql(c, schema.documents.columns[c])}`).join(", ")}`,
    );
    const ids = await client.query<{ id: number }>('SELECT id FROM "documents" ORDER BY id');
    for (const { id } of ids.rows) {
      const found = await client.query<{ text: string }>('SELECT text FROM "documents" WHERE id = $1', [id]);
      const row = documentInfoRow(infoOfStoredText(found.rows[0]!.text)) as Record<string, unknown>;
      await client.query(
        `UPDATE "documents" SET ${columns.map((c, i) => `${quoteId(c)} = $${i + 2}`).join(", ")} WHERE id = $1`,
        [id, ...columns.map((c) => row[c])],
      );
    }
  },
};

/**
 * Version 4 → 5: annotations in their tables, as SQLite's version 3 (`../sqlite/plan.ts`): the
 * `entities`, `mentions` and `events` tables made again beside `event_roles`, every entry's
 * mentions and events moved out of its `extra` JSON into them, each year's reckoning state from
 * its entries' stored dates.
 */
export const ANNOTATIONS_MIGRATION: PostgresMigration = {
  version: 5,
  description: "annotations in their tables: entities, mentions, events and roles; years know their state",
  async up(client) {
    await client.query(
      [
        'DROP TABLE IF EXISTS "event_roles", "mentions", "events", "entities"',
        ...[schema.entities, schema.mentions, schema.events, schema.eventRoles].flatMap(tableDdl),
        `ALTER TABLE "documents" ADD COLUMN IF NOT EXISTS ${columnSql("annotation", schema.documents.columns.annotation)}`,
        `ALTER TABLE "years" ADD COLUMN IF NOT EXISTS ${columnSql("reckoning_state", schema.years.columns.reckoning_state)}`,
        `CREATE INDEX IF NOT EXISTS "years_reckoning_state" ON "years" ("reckoning_state")`,
      ].join(";\n"),
    );
    const { rows } = await client.query<{ id: number; extra: string }>(
      "SELECT id, extra FROM entries WHERE extra IS NOT NULL ORDER BY document_id, ord",
    );
    const moved = rows.map((row) => ({ row, ...moveAnnotations(row.extra) }));
    const names = new Map<string, string>();
    for (const { mentions, events } of moved) {
      for (const m of mentions) if (m.ref !== null && !names.has(m.ref)) names.set(m.ref, m.text);
      for (const e of events)
        for (const r of e.roles) if (r.ref !== null && !names.has(r.ref)) names.set(r.ref, r.text);
    }
    const refs = [...names.keys()];
    const entityIds = new Map<string, number>();
    for (const [i, id] of (await allocateIds(client, "entities", refs.length)).entries())
      entityIds.set(refs[i]!, id);
    const entity = (ref: string | null) => (ref === null ? null : entityIds.get(ref)!);
    await insertRows(
      client,
      schema.entities,
      refs.map((ref) => ({ id: entityIds.get(ref), ref, kind: kindOfRef(ref), name: names.get(ref) })),
    );
    const mentions = moved.flatMap(({ row, mentions }) =>
      mentions.map(({ ref, ...m }) => ({ ...m, entry_id: row.id, entity_id: entity(ref) })),
    );
    const mentionIds = await allocateIds(client, "mentions", mentions.length);
    await insertRows(
      client,
      schema.mentions,
      mentions.map((m, i) => ({ id: mentionIds[i], ...m })),
    );
    const events = moved.flatMap(({ row, events }) => events.map((e) => ({ entryId: row.id, ...e })));
    const eventIds = await allocateIds(client, "events", events.length);
    await insertRows(
      client,
      schema.events,
      events.map((e, i) => ({ id: eventIds[i], entry_id: e.entryId, ...e.event })),
    );
    const roles = events.flatMap((e, i) =>
      e.roles.map(({ ref, ...r }) => ({ ...r, event_id: eventIds[i], entity_id: entity(ref) })),
    );
    const roleIds = await allocateIds(client, "event_roles", roles.length);
    await insertRows(
      client,
      schema.eventRoles,
      roles.map((r, i) => ({ id: roleIds[i], ...r })),
    );
    const changed = moved.filter((m) => m.extra !== m.row.extra);
    await client.query(
      `UPDATE entries SET extra = u.extra FROM unnest($1::bigint[], $2::text[]) AS u(id, extra) WHERE entries.id = u.id`,
      [changed.map((m) => m.row.id), changed.map((m) => m.extra)],
    );
    const years = await client.query<{ id: number; state: string | null; era: string | null }>(
      "SELECT id, state, era FROM years ORDER BY id",
    );
    const dated = years.rows.filter((y) => y.state === null && y.era !== null).map((y) => y.id);
    const dates = await client.query<{ year_id: number; date: string }>(
      "SELECT year_id, date FROM entries WHERE year_id = ANY($1::bigint[]) ORDER BY year_id, ord",
      [dated],
    );
    const byYear = new Map<number, string[]>();
    for (const d of dates.rows) byYear.set(d.year_id, [...(byYear.get(d.year_id) ?? []), d.date]);
    const states = years.rows.map((y) => storedYearState(y, byYear.get(y.id) ?? []));
    await client.query(
      `UPDATE years SET reckoning_state = u.state FROM unnest($1::bigint[], $2::text[]) AS u(id, state) WHERE years.id = u.id`,
      [years.rows.map((y) => y.id), states],
    );
  },
};

/**
 * Version 5 → 6: the days each year heading covers, as SQLite's version 4. Documents stored
 * before have none (the column stays NULL).
 */
export const HEADING_DATES_MIGRATION: PostgresMigration = {
  version: 6,
  description: "years keep the days their heading covers",
  async up(client) {
    await client.query(
      `ALTER TABLE "years" ADD COLUMN IF NOT EXISTS ${columnSql("date", schema.years.columns.date)}`,
    );
  },
};

/** Version 6 → 7: the readers' corrections, as SQLite's version 5. */
export const CORRECTIONS_MIGRATION: PostgresMigration = {
  version: 7,
  description: "the readers' corrections of the annotations",
  async up(client) {
    const statements = tableDdl(schema.corrections).map((statement) =>
      statement.replace(/^CREATE (TABLE|INDEX) /, "CREATE $1 IF NOT EXISTS "),
    );
    await client.query(statements.join(";\n"));
  },
};

/** The current schema and how to upgrade to it. */
export const POSTGRES_PLAN: PostgresMigrationPlan = {
  version: POSTGRES_SCHEMA_VERSION,
  async create(client) {
    // One round trip: the statements take no parameters.
    const statements = [
      ...schema.tables.flatMap(tableDdl),
      ...SEARCH_DDL,
      ...POSTINGS_DDL,
      ...EXACT_KEYS_DDL,
      ...PAIR_POSTINGS_DDL,
      ...INLINE_TEXTS_DDL,
    ];
    await client.query(statements.join(";\n"));
    await client.query("INSERT INTO meta (key, value) VALUES ('fold_version', $1)", [String(FOLD_VERSION)]);
  },
  migrations: [
    POSTINGS_MIGRATION,
    EXACT_KEYS_MIGRATION,
    DOCUMENT_INFO_MIGRATION,
    ANNOTATIONS_MIGRATION,
    HEADING_DATES_MIGRATION,
    CORRECTIONS_MIGRATION,
    PAIR_POSTINGS_MIGRATION,
    INLINE_TEXTS_MIGRATION,
    PAIR_POSITIONS_MIGRATION,
  ],
};
