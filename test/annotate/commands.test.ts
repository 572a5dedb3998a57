import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { cli } from "../cli/run-cli.ts";

const sample = fileURLToPath(new URL("../../corpus/xixia-ji-1043-1044.txt", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "biannian-annotate-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("entities --help and events --help describe the options", async () => {
  for (const command of ["entities", "events"]) {
    const { code, out } = await cli(command, "--help");
    assert.equal(code, 0);
    assert.match(out, new RegExp(`^Usage: biannian ${command} FILE`));
    assert.match(out, /--authority FILE/);
    assert.match(out, /--cbdb FILE/);
  }
});

test("entities lists each entity with id, kind, name, aliases, mention count and cbdb id", async () => {
  const { code, out, err } = await cli("entities", sample, "--kind", "person");
  assert.equal(code, 0, err);
  const entities = JSON.parse(out);
  const yuanhao = entities[0];
  assert.equal(yuanhao.id, "person:yuanhao");
  assert.equal(yuanhao.kind, "person");
  assert.equal(yuanhao.name, "元昊");
  assert.ok(yuanhao.aliases.some((a: { name: string }) => a.name === "曩霄"));
  assert.ok(yuanhao.mentions > 50);
  assert.equal(yuanhao.cbdb, null);
  assert.deepEqual(yuanhao.forms[0], { text: "元昊", count: yuanhao.forms[0].count });
  assert.ok(entities.every((e: { kind: string }) => e.kind === "person"));
});

test("entities --format csv has one row per entity", async () => {
  const { code, out } = await cli("entities", sample, "--format", "csv", "--kind", "polity");
  assert.equal(code, 0);
  assert.ok(out.startsWith("\uFEFFid,kind,name,aliases,mentions,forms,entries,cbdb,provisional\r\n"));
  assert.match(out, /\r\npolity:song,polity,宋,/);
});

test("events lists typed events with their roles; --type narrows them", async () => {
  const { code, out } = await cli("events", sample, "--type", "embassy");
  assert.equal(code, 0);
  const events = JSON.parse(out);
  assert.ok(events.length >= 14);
  assert.ok(events.every((e: { type: string }) => e.type === "embassy"));
  const first = events[0];
  assert.equal(first.entry, "e1");
  assert.equal(first.rule, "embassy-come");
  assert.deepEqual(
    first.roles.envoy.map((r: { ref: string }) => r.ref),
    ["person:yelu-dilie", "person:wang-weiji"],
  );
  assert.equal(first.date.julian.start, "1043-02-13");
  const csv = await cli("events", sample, "--format", "csv", "--type", "death");
  assert.match(csv.out, /\r\ne39,/);
  assert.match(csv.out, /person=person:zhang-yuan/);
});

test("bad options are usage errors", async () => {
  assert.equal((await cli("entities", sample, "--kind", "dragon")).code, 2);
  assert.equal((await cli("events", sample, "--type", "party")).code, 2);
  assert.equal((await cli("events")).code, 2);
});

test("--authority adds records; a bad record is reported as file:line: reason", async () => {
  const good = join(dir, "good.jsonl");
  writeFileSync(
    good,
    `${JSON.stringify({
      id: "person:liang-shi",
      name: "梁適",
      state: "宋",
      aliases: [],
      born: 1000,
      died: 1069,
      cbdb: 7654,
      note: "",
      sources: ["宋史·梁適傳"],
    })}\n`,
  );
  const ok = await cli("entities", sample, "--authority", good, "--kind", "person");
  assert.equal(ok.code, 0, ok.err);
  assert.equal(JSON.parse(ok.out).find((e: { id: string }) => e.id === "person:liang-shi").cbdb, 7654);

  const bad = join(dir, "bad.jsonl");
  writeFileSync(bad, `${JSON.stringify({ id: "person:nobody", name: "某" })}\n{oops\n`);
  const { code, err } = await cli("entities", sample, "--authority", bad);
  assert.equal(code, 1);
  assert.match(err, new RegExp(`${bad.replaceAll("\\", "\\\\")}:1: state: `));
  assert.match(err, /bad\.jsonl:2: not valid JSON/);
});

test("--cbdb links persons of a CBDB export to the authority", async () => {
  const db = join(dir, "cbdb.db");
  const handle = new Database(db);
  handle.exec(`
    CREATE TABLE BIOG_MAIN (c_personid INTEGER, c_name_chn TEXT, c_birthyear INTEGER, c_deathyear INTEGER, c_dy INTEGER);
    CREATE TABLE ALTNAME_DATA (c_personid INTEGER, c_alt_name_chn TEXT, c_alt_name_type_code INTEGER);
    CREATE TABLE ALTNAME_CODES (c_name_type_code INTEGER, c_name_type_desc_chn TEXT);
    INSERT INTO BIOG_MAIN VALUES (3597, '范仲淹', 989, 1052, 15), (1, '王安石', 1021, 1086, 15);
    INSERT INTO ALTNAME_DATA VALUES (3597, '希文', 4);
    INSERT INTO ALTNAME_CODES VALUES (4, '字');
  `);
  handle.close();
  const { code, out, err } = await cli("entities", sample, "--cbdb", db, "--kind", "person");
  assert.equal(code, 0, err);
  const fan = JSON.parse(out).find((e: { id: string }) => e.id === "person:fan-zhongyan");
  assert.equal(fan.cbdb, 3597);
  assert.equal((await cli("entities", sample, "--cbdb", join(dir, "none.db"))).code, 1);
});
