import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import Database from "better-sqlite3";
import { Authority } from "./authority.ts";
import { importCbdb, linkCbdb } from "./cbdb.ts";
import { loadAuthority } from "./load.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-cbdb-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A small database in CBDB's table layout (a subset of the columns of the real export). */
function makeCbdb(withDynasties = true): string {
  const path = join(dir, `cbdb-${withDynasties}.db`);
  if (existsSync(path)) return path;
  const db = new Database(path);
  db.exec(`
    CREATE TABLE BIOG_MAIN (c_personid INTEGER PRIMARY KEY, c_name TEXT, c_name_chn TEXT,
      c_birthyear INTEGER, c_deathyear INTEGER, c_dy INTEGER, c_index_year INTEGER);
    CREATE TABLE ALTNAME_DATA (c_personid INTEGER, c_alt_name TEXT, c_alt_name_chn TEXT,
      c_alt_name_type_code INTEGER, c_sequence INTEGER);
    CREATE TABLE ALTNAME_CODES (c_name_type_code INTEGER PRIMARY KEY, c_name_type_desc TEXT,
      c_name_type_desc_chn TEXT);
  `);
  if (withDynasties) {
    db.exec("CREATE TABLE DYNASTIES (c_dy INTEGER PRIMARY KEY, c_dynasty TEXT, c_dynasty_chn TEXT)");
    db.prepare("INSERT INTO DYNASTIES VALUES (?, ?, ?)").run(15, "Song", "宋");
  }
  const biog = db.prepare("INSERT INTO BIOG_MAIN VALUES (?, ?, ?, ?, ?, ?, ?)");
  biog.run(1001, "Fan Zhongyan", "范仲淹", 989, 1052, 15, 989);
  biog.run(1002, "Han Qi", "韓琦", 1008, 1075, 15, 1008);
  biog.run(1003, "Wang Anshi", "王安石", 1021, 1086, 15, 1021);
  biog.run(1004, "Nobody", "某", 0, 0, 15, null);
  biog.run(1005, "Sima Qian", "司馬遷", -145, -86, 1, -145);
  const codes = db.prepare("INSERT INTO ALTNAME_CODES VALUES (?, ?, ?)");
  codes.run(4, "Courtesy name", "字");
  codes.run(5, "Posthumous name", "諡號");
  codes.run(6, "Style name", "號");
  const alt = db.prepare("INSERT INTO ALTNAME_DATA VALUES (?, ?, ?, ?, ?)");
  alt.run(1001, "Xiwen", "希文", 4, 1);
  alt.run(1001, "Wenzheng", "文正", 5, 2);
  alt.run(1003, "Banshan", "半山", 6, 1);
  alt.run(1003, "Jiefu", "介甫", 4, 2);
  db.close();
  return path;
}

test("imports persons with their alternative names as typed aliases and cbdb ids", () => {
  const persons = importCbdb(makeCbdb());
  assert.deepEqual(
    persons.map((p) => p.id),
    ["person:cbdb-1001", "person:cbdb-1002", "person:cbdb-1003", "person:cbdb-1005"],
  );
  assert.deepEqual(persons[0], {
    kind: "person",
    id: "person:cbdb-1001",
    name: "范仲淹",
    state: "宋",
    aliases: [
      { name: "希文", type: "courtesy", source: "CBDB 1001", note: "字" },
      { name: "文正", type: "posthumous", source: "CBDB 1001", note: "諡號" },
    ],
    born: 989,
    died: 1052,
    cbdb: 1001,
    note: "",
    sources: ["CBDB person 1001"],
  });
  assert.deepEqual(
    persons[2]!.aliases.map((a) => [a.name, a.type]),
    [
      ["半山", "other"],
      ["介甫", "courtesy"],
    ],
  );
});

test("filters by years and dynasty; works without a DYNASTIES table", () => {
  const path = makeCbdb(false);
  assert.deepEqual(
    importCbdb(path, { years: [1000, 1050] }).map((p) => p.name),
    ["范仲淹", "韓琦", "王安石"],
  );
  assert.deepEqual(
    importCbdb(path, { dynasties: [1] }).map((p) => p.name),
    ["司馬遷"],
  );
  assert.equal(importCbdb(path)[0]!.state, null);
});

test("imported records validate, and an annotator can use them", () => {
  const authority = loadAuthority({ records: importCbdb(makeCbdb()) });
  assert.equal(authority.get("person:cbdb-1003")?.name, "王安石");
});

test("linkCbdb gives a bundled person its cbdb id when name and years agree, and adds the others", () => {
  const bundled = loadAuthority().ofKind("person");
  const { updated, added } = linkCbdb(bundled, importCbdb(makeCbdb()));
  assert.deepEqual(
    updated.map((p) => [p.id, p.cbdb]),
    [
      ["person:fan-zhongyan", 1001],
      ["person:han-qi", 1002],
    ],
  );
  assert.ok(updated[0]!.aliases.some((a) => a.name === "希文"));
  assert.equal(
    updated[0]!.aliases.filter((a) => a.name === "文正").length,
    1,
    "a name the record has is not added twice",
  );
  assert.deepEqual(
    added.map((p) => p.name),
    ["王安石", "司馬遷"],
  );
  assert.ok(Authority.of([...updated, ...added]).get("person:han-qi"));
});

test("a file that is not a CBDB database is refused with its name", () => {
  const path = join(dir, "not-a-db.db");
  writeFileSync(path, "hello");
  assert.throws(() => importCbdb(path), /not-a-db\.db: /);
  const empty = join(dir, "empty.db");
  new Database(empty).close();
  assert.throws(() => importCbdb(empty), /empty\.db: not a CBDB export \(no BIOG_MAIN table\)/);
  assert.throws(() => importCbdb(join(dir, "missing.db")), /missing\.db: cannot open the CBDB database/);
});
