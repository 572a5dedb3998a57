/**
 * Importing persons from a China Biographical Database (CBDB) SQLite export: BIOG_MAIN for the
 * names and years, ALTNAME_DATA and ALTNAME_CODES for the other names, DYNASTIES (if present)
 * for the dynasty. The database is opened read-only.
 */
import Database from "better-sqlite3";
import type { Alias, AliasType, AuthorityRecord, PersonRecord } from "./schema.ts";

/** Options of `importCbdb`. */
export interface CbdbImportOptions {
  /** Only persons whose known life overlaps these years (CE, inclusive); persons without years are kept. */
  years?: readonly [number, number];
  /** Only persons of these dynasty codes (`c_dy`). */
  dynasties?: readonly number[];
  /** Names shorter than this many characters are skipped (default 2: one-character names are noise). */
  minNameLength?: number;
}

/** CBDB's alternative-name types (`c_name_type_desc_chn`) mapped to the alias types of the format. */
const ALT_NAME_TYPES: ReadonlyMap<string, AliasType> = new Map([
  ["字", "courtesy"],
  ["諡號", "posthumous"],
  ["謚號", "posthumous"],
  ["諡", "posthumous"],
  ["謚", "posthumous"],
  ["廟號", "temple"],
  ["名", "personal"],
  ["御名", "personal"],
  ["原名", "renamed"],
  ["本名", "renamed"],
  ["改名", "renamed"],
  ["更名", "renamed"],
  ["賜名", "renamed"],
  ["賜姓名", "renamed"],
  ["小名", "other"],
  ["小字", "other"],
  ["號", "other"],
  ["別號", "other"],
  ["室名", "other"],
  ["別名", "other"],
]);

interface BiogRow {
  id: number;
  name: string | null;
  born: number | null;
  died: number | null;
  dy: number | null;
  dynasty: string | null;
}

interface AltRow {
  id: number;
  name: string | null;
  type: string | null;
}

const year = (value: number | null): number | null => (value === null || value === 0 ? null : value);

/**
 * Reads the persons of a CBDB SQLite export as authority person records with `cbdb` ids
 * (`person:cbdb-<c_personid>`), their alternative names as aliases.
 *
 * @param dbPath the SQLite file (CBDB's `cbdb_sqlite.db` or any database with its tables)
 * @param options filters (default: every person with a name of two or more characters)
 * @throws {Error} when the file is not a database with BIOG_MAIN (the message names the file)
 * @example
 * importCbdb("cbdb.db", { years: [1000, 1100] }).find((p) => p.name === "范仲淹")?.cbdb //=> 3597
 */
export function importCbdb(
  dbPath: string,
  options: CbdbImportOptions = {},
): Extract<AuthorityRecord, { kind: "person" }>[] {
  let db: Database.Database;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`${dbPath}: cannot open the CBDB database (${(error as Error).message})`);
  }
  try {
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    if (!tables.has("BIOG_MAIN")) throw new Error(`${dbPath}: not a CBDB export (no BIOG_MAIN table)`);
    const dynastyJoin = tables.has("DYNASTIES")
      ? "LEFT JOIN DYNASTIES d ON d.c_dy = b.c_dy"
      : "LEFT JOIN (SELECT NULL AS c_dy, NULL AS c_dynasty_chn) d ON 0";
    const persons = db
      .prepare(
        `SELECT b.c_personid AS id, b.c_name_chn AS name, b.c_birthyear AS born, b.c_deathyear AS died,
                b.c_dy AS dy, d.c_dynasty_chn AS dynasty
           FROM BIOG_MAIN b ${dynastyJoin} ORDER BY b.c_personid`,
      )
      .all() as BiogRow[];
    const altNames = new Map<number, AltRow[]>();
    if (tables.has("ALTNAME_DATA")) {
      const codes = tables.has("ALTNAME_CODES")
        ? "LEFT JOIN ALTNAME_CODES c ON c.c_name_type_code = a.c_alt_name_type_code"
        : "LEFT JOIN (SELECT NULL AS c_name_type_code, NULL AS c_name_type_desc_chn) c ON 0";
      const rows = db
        .prepare(
          `SELECT a.c_personid AS id, a.c_alt_name_chn AS name, c.c_name_type_desc_chn AS type
             FROM ALTNAME_DATA a ${codes} ORDER BY a.c_personid, a.rowid`,
        )
        .all() as AltRow[];
      for (const row of rows) {
        const list = altNames.get(row.id);
        if (list) list.push(row);
        else altNames.set(row.id, [row]);
      }
    }
    const minLength = options.minNameLength ?? 2;
    const dynasties = options.dynasties ? new Set(options.dynasties) : null;
    const records: Extract<AuthorityRecord, { kind: "person" }>[] = [];
    for (const row of persons) {
      const name = row.name?.trim() ?? "";
      if ([...name].length < minLength) continue;
      if (dynasties && (row.dy === null || !dynasties.has(row.dy))) continue;
      const born = year(row.born);
      const died = year(row.died);
      if (options.years) {
        const [from, to] = options.years;
        if ((born !== null && born > to) || (died !== null && died < from)) continue;
      }
      const seen = new Set([name]);
      const aliases: Alias[] = [];
      for (const alt of altNames.get(row.id) ?? []) {
        const altName = alt.name?.trim() ?? "";
        if ([...altName].length < minLength || seen.has(altName)) continue;
        seen.add(altName);
        const type = ALT_NAME_TYPES.get(alt.type ?? "") ?? "other";
        aliases.push({
          name: altName,
          type,
          source: `CBDB ${row.id}`,
          ...(alt.type ? { note: alt.type } : {}),
        });
      }
      const person: PersonRecord = {
        id: `person:cbdb-${row.id}`,
        name,
        state: row.dynasty?.trim() || null,
        aliases,
        born,
        died,
        cbdb: row.id,
        note: "",
        sources: [`CBDB person ${row.id}`],
      };
      records.push({ kind: "person", ...person });
    }
    return records;
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(message.startsWith(`${dbPath}: `) ? message : `${dbPath}: ${message}`);
  } finally {
    db.close();
  }
}

/**
 * Joins CBDB persons to the persons of an authority: a CBDB record whose name is a person's name
 * and whose known birth and death years agree with the person's (at least one known on both
 * sides, none in conflict) gives that person its `cbdb` id and its alternative names; the others
 * are returned as new records.
 *
 * @param persons the authority's persons (not changed)
 * @param imported records from `importCbdb`
 * @returns `updated`: persons that gained a CBDB id; `added`: CBDB persons matching none
 * @example
 * linkCbdb(authority.ofKind("person"), importCbdb("cbdb.db")).updated[0].cbdb //=> 3597
 */
export function linkCbdb(
  persons: readonly Extract<AuthorityRecord, { kind: "person" }>[],
  imported: readonly Extract<AuthorityRecord, { kind: "person" }>[],
): {
  updated: Extract<AuthorityRecord, { kind: "person" }>[];
  added: Extract<AuthorityRecord, { kind: "person" }>[];
} {
  const byName = new Map<string, Extract<AuthorityRecord, { kind: "person" }>[]>();
  for (const p of persons) {
    const list = byName.get(p.name);
    if (list) list.push(p);
    else byName.set(p.name, [p]);
  }
  const agrees = (a: number | null, b: number | null) => a === null || b === null || a === b;
  const updated = new Map<string, Extract<AuthorityRecord, { kind: "person" }>>();
  const added: Extract<AuthorityRecord, { kind: "person" }>[] = [];
  for (const c of imported) {
    const match = (byName.get(c.name) ?? []).filter(
      (p) =>
        p.cbdb === null &&
        !updated.has(p.id) &&
        agrees(p.born, c.born) &&
        agrees(p.died, c.died) &&
        ((p.born !== null && c.born !== null) || (p.died !== null && c.died !== null)),
    );
    const person = match.length === 1 ? match[0]! : undefined;
    if (!person) {
      added.push(c);
      continue;
    }
    const names = new Set([person.name, ...person.aliases.map((a) => a.name)]);
    updated.set(person.id, {
      ...person,
      cbdb: c.cbdb,
      aliases: [...person.aliases, ...c.aliases.filter((a) => !names.has(a.name))],
      sources: [...person.sources, ...c.sources],
    });
  }
  return { updated: [...updated.values()], added };
}
