import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { cli } from "./run-cli.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const sample = join(root, "corpus", "xixia-ji-1043-1044.txt");
const tmp = mkdtempSync(join(tmpdir(), "biannian-cli-"));

test("bin/biannian runs from the checkout and prints the sample's entries as JSON", () => {
  const result = spawnSync(join(root, "bin", "biannian"), ["entries", sample], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  const records = JSON.parse(result.stdout);
  assert.equal(records.length, 45);
  assert.deepEqual(Object.keys(records[0]), [
    "id",
    "year",
    "date",
    "headline",
    "details",
    "citations",
    "notes",
    "variants",
    "span",
    "line",
    "locus",
    "mentions",
    "events",
  ]);
  assert.equal(records[0].headline, "契丹遣同知析津府事耶律敵烈、樞密院都承旨王惟吉來議與宋和。");
});

test("entries --format csv starts with a BOM and has one row per entry", async () => {
  const { code, out } = await cli("entries", sample, "--format", "csv");
  assert.equal(code, 0);
  assert.ok(out.startsWith("\uFEFFid,year_label,era,"));
  // Quoted fields may hold line breaks; count rows by their id column.
  assert.equal(out.match(/\r\ne\d+,/g)?.length, 45);
});

test("entries --format text lists the year headings and entries", async () => {
  const { code, out } = await cli("entries", sample, "--format", "text");
  assert.equal(code, 0);
  assert.ok(out.startsWith("== 西夏稱天授禮法延祚六年 ==\ne1\t春正月\t"));
  assert.ok(out.includes("== 西夏稱天授禮法延祚七年 =="));
});

test("parse prints the positioned tree", async () => {
  const { code, out } = await cli("parse", sample);
  assert.equal(code, 0);
  const tree = JSON.parse(out);
  assert.equal(tree.type, "root");
  assert.deepEqual(tree.children[0].heading.position.start, { line: 2, column: 1, offset: 1 });
});

test("a missing file is reported as file:line:column with exit code 1", async () => {
  const missing = join(tmp, "nope.txt");
  const { code, err } = await cli("entries", missing);
  assert.equal(code, 1);
  assert.equal(err, `${missing}:1:1: no such file\n`);
});

test("a file in no known encoding is refused with the place of the first bad byte", async () => {
  const file = join(tmp, "bad.txt");
  writeFileSync(file, Buffer.from([0x61, 0x0a, 0x62, 0xff, 0xfe, 0x00, 0x80, 0x81]));
  const { code, err } = await cli("entries", file);
  assert.equal(code, 1);
  assert.match(err, /bad\.txt:2:2: not valid UTF-8/);
});

test("a Big5 file is decoded", async () => {
  const file = join(tmp, "big5.txt");
  // 三月，獻俘契丹。 in Big5, then （《西夏書事》）
  const line = [
    0xa4, 0x54, 0xa4, 0xeb, 0xa1, 0x41, 0xc4, 0x6d, 0xab, 0x52, 0xab, 0xb4, 0xa4, 0xa6, 0xa1, 0x43,
  ];
  writeFileSync(file, Buffer.from(line));
  const { code, out } = await cli("entries", file);
  assert.equal(code, 0);
  assert.equal(JSON.parse(out)[0].headline, "獻俘契丹。");
});

test("parser warnings go to stderr as file:line:column", async () => {
  const file = join(tmp, "unbalanced.txt");
  writeFileSync(file, "西夏稱天授禮法延祚六年\n遣使如契丹」進馬。（《遼史·興宗本紀》）\n");
  const { code, err } = await cli("entries", file);
  assert.equal(code, 0);
  assert.equal(err, `${file}:2:6: warning: "」" closes nothing [unopened-bracket]\n`);
});

test("usage mistakes exit 2 with the command's usage", async () => {
  const unknownOption = await cli("entries", sample, "--colour");
  assert.equal(unknownOption.code, 2);
  assert.match(unknownOption.err, /Unknown option --colour/);
  const badFormat = await cli("entries", sample, "--format", "xml");
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.err, /--format must be one of json, csv, text/);
  const unknownCommand = await cli("frobnicate");
  assert.equal(unknownCommand.code, 2);
});

test("every command has --help", async () => {
  const { out } = await cli("--help");
  const names = [...out.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]!);
  assert.ok(names.includes("entries") && names.includes("parse"));
  for (const name of names) {
    const help = await cli(name, "--help");
    assert.equal(help.code, 0, name);
    assert.match(help.out, new RegExp(`^Usage: biannian ${name}`), name);
  }
});

test("search reads a whole-number option of any length, up to its bound", async () => {
  const db = join(tmp, "search.db");
  assert.equal((await cli("ingest", sample, "--db", db)).code, 0);
  const largest = await cli("search", "青鹽", "--db", db, "--offset", "9007199254740991");
  assert.equal(largest.code, 0, largest.err);
  assert.match(largest.out, /^2 entries match 青鹽 \(none from 9007199254740992\)/);
  for (const offset of ["9007199254740992", "99999999999999999999", "-1"]) {
    const refused = await cli("search", "青鹽", "--db", db, "--offset", offset);
    assert.equal(refused.code, 2, offset);
    assert.match(
      refused.err,
      new RegExp(`--offset must be between 0 and 9007199254740991 \\(got ${offset}\\)`),
    );
  }
  const malformed = await cli("search", "青鹽", "--db", db, "--limit", "1e3");
  assert.match(malformed.err, /--limit must be a whole number \(got "1e3"\)/);
});
