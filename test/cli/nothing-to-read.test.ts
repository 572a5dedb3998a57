/**
 * Files with no chronicle in them (empty, whitespace, /dev/null, citations alone) are refused
 * by every command that reads files, each with a sentence and a non-zero exit; the parser still
 * reads them into a tree.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { run } from "../../src/cli/main.ts";
import { parse } from "../../src/parse/index.ts";
import { noChronicle } from "../../src/parse/no-chronicle.ts";
import { openSqliteStore } from "../../src/store/index.ts";
import { captureIO, cli } from "./run-cli.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const sample = join(root, "corpus", "xixia-ji-1043-1044.txt");
const dir = mkdtempSync(join(tmpdir(), "biannian-nothing-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const EMPTY = "the file is empty";
const WHITESPACE = "the file holds only whitespace";
const CITATIONS = "the file holds only citations";

/** Texts with no chronicle, and what is said of each. */
const NOTHING: [name: string, text: string, reason: string][] = [
  ["empty", "", EMPTY],
  ["a byte-order mark", "\uFEFF", EMPTY],
  ["spaces and line breaks", "  \n\n \r\n", WHITESPACE],
  ["tabs and ideographic spaces", "\t\u3000\u3000\n\u3000", WHITESPACE],
  ["a closing citation", "（《遼史·興宗本紀》）\n", CITATIONS],
  ["lines of citations", "（《長編》一百三十九）\n（《宋史·夏國傳》）\n\n(《遼史》)\n", CITATIONS],
  ["an author before the title", "（胡宿《鄭戩墓誌銘》）", CITATIONS],
  ["a citation with a nested parenthesis", "（《長編》一百三十九（注））", CITATIONS],
  ["a citation with an editor's note", "（《長編》一百三十九。按：此條疑。）", CITATIONS],
  ["a bare title", "《遼史·興宗本紀》\n", CITATIONS],
  ["titles with their juan", "《長編》卷一百三十九\n《長編》一百三十九及一百四十九。\n", CITATIONS],
];

/** Texts that may hold a chronicle, however short or odd. */
const SOMETHING: [name: string, text: string][] = [
  ["one entry", "春正月，契丹遣使來。"],
  ["one entry with its citation", "春正月，契丹遣使來。（《遼史·興宗本紀》）"],
  ["a citation, then an entry", "（《長編》一百三十九）\n二月，使者至延州。"],
  ["a title, then an entry", "《長編》卷一百三十九\n慶曆三年\n春正月，元昊遣使來。"],
  ["a parenthesis that is not a citation", "（元昊）"],
  ["a parenthesis left open", "（《長編》一百三十九"],
  ["a title left open", "《長編"],
  ["a year heading alone", "慶曆三年"],
  ["a Latin word", "  x  "],
];

describe("noChronicle", () => {
  test("says why a text holds no chronicle", () => {
    for (const [name, text, reason] of NOTHING) {
      const decoded = text.startsWith("\uFEFF") ? text.slice(1) : text;
      assert.equal(noChronicle(decoded), reason, name);
    }
  });

  test("lets through anything that may hold one", () => {
    for (const [name, text] of SOMETHING) assert.equal(noChronicle(text), null, name);
  });

  test("lets through the sample", async () => {
    const { readFileSync } = await import("node:fs");
    assert.equal(noChronicle(readFileSync(sample, "utf8")), null);
  });

  test("leaves the parser reading every text into a tree", () => {
    for (const [name, text] of NOTHING) assert.equal(parse(text).type, "root", name);
  });
});

describe("commands that read files", () => {
  const files = NOTHING.map(([name, text, reason], i) => {
    const path = join(dir, `nothing-${i}.txt`);
    writeFileSync(path, text);
    return { name, path, reason };
  });
  files.push({ name: "/dev/null", path: "/dev/null", reason: EMPTY });

  for (const command of [
    ["entries"],
    ["entries", "--format", "text"],
    ["parse"],
    ["entities"],
    ["events"],
    ["export", "--format", "jsonld"],
  ]) {
    test(`${command.join(" ")} refuses a file with no chronicle, saying why, and exits 1`, async () => {
      for (const { name, path, reason } of files) {
        const { code, out, err } = await cli(command[0]!, path, ...command.slice(1));
        assert.equal(code, 1, `${name}: exit code`);
        assert.equal(out, "", `${name}: nothing printed`);
        assert.equal(err, `${path}: no chronicle found: ${reason}\n`, name);
      }
    });
  }

  test("export refuses the whole run when one of its files holds no chronicle", async () => {
    const out = join(dir, "export-out");
    const { code, err } = await cli("export", sample, files[0]!.path, "--format", "tei", "--out", out);
    assert.equal(code, 1);
    assert.equal(err, `${files[0]!.path}: no chronicle found: ${EMPTY}\n`);
  });

  test("ingest stores nothing for a file with no chronicle, goes on with the others, and exits 1", async () => {
    const db = join(dir, "ingest.db");
    const named = [files[0]!, files[2]!, files[4]!, files.at(-1)!];
    const io = captureIO();
    const code = await run(["ingest", ...named.map((f) => f.path), sample, "--db", db], io);
    assert.equal(code, 1);
    assert.equal(
      io.stderr,
      named.map((f) => `${f.path}: no chronicle found: ${f.reason}\n`).join(""),
      "one line for each, and no parser message",
    );
    const lines = io.stdout.trimEnd().split("\n");
    assert.deepEqual(lines.slice(0, -1), [`added     ${sample} (45 entries, 9,281 characters)`]);
    assert.match(lines.at(-1)!, /^5 files: 1 added, 0 replaced, 0 unchanged, 4 failed; 45 entries/);
    const store = openSqliteStore(db);
    try {
      assert.deepEqual(
        (await store.listDocuments()).map((d) => d.name),
        ["xixia-ji-1043-1044.txt"],
      );
    } finally {
      await store.close();
    }
  });

  test("ingest of a directory reports the files in it that hold no chronicle", async () => {
    const corpus = join(dir, "corpus");
    mkdirSync(corpus);
    copyFileSync(sample, join(corpus, "1.txt"));
    writeFileSync(join(corpus, "2.txt"), " \n");
    writeFileSync(join(corpus, "3.txt"), "（《長編》一百三十九）\n");
    const db = join(dir, "directory.db");
    const io = captureIO();
    assert.equal(await run(["ingest", corpus, "--db", db], io), 1);
    assert.equal(
      io.stderr,
      `${join(corpus, "2.txt")}: no chronicle found: ${WHITESPACE}\n${join(corpus, "3.txt")}: no chronicle found: ${CITATIONS}\n`,
    );
    assert.match(io.stdout, /^3 files: 1 added, 0 replaced, 0 unchanged, 2 failed;/m);
  });
});
