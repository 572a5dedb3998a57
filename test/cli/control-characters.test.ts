/**
 * A file name (or an argument, or a database path) holding control characters is printed with
 * them escaped, wherever the CLI prints it: messages, summaries, errors and the progress bar.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { run } from "../../src/cli/main.ts";
import { printable } from "../../src/cli/messages.ts";
import { captureIO, cli } from "./run-cli.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const sample = join(root, "corpus", "xixia-ji-1043-1044.txt");
const dir = mkdtempSync(join(tmpdir(), "biannian-controls-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A name that would colour the terminal, ring its bell, set its title and reverse the text. */
const HOSTILE = "a\u001b[31mred\u001b[0m\u0007\u001b]0;title\u0007\u009b2J\u007f\u202eb";
/** How it is shown. */
const SHOWN = "a\\x1b[31mred\\x1b[0m\\x07\\x1b]0;title\\x07\\x9b2J\\x7f\\u202eb";

/** Any character a terminal would act on. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters looked for
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

describe("printable", () => {
  test("escapes C0 and C1 controls, DEL and the bidirectional controls", () => {
    assert.equal(printable(HOSTILE), SHOWN);
    assert.equal(
      printable("\u0000\t\n\r\u0085\u061c\u200e\u200f\u2066\u2069"),
      "\\x00\\x09\\x0a\\x0d\\x85\\u061c\\u200e\\u200f\\u2066\\u2069",
    );
  });

  test("leaves everything else as it is, and keeps what it is told to", () => {
    const text = "corpus/長編/KR2b0019_143.txt 𠀀 ü \\x1b";
    assert.equal(printable(text), text);
    assert.equal(printable("one\ntwo\u001b", "\n"), "one\ntwo\\x1b");
  });
});

describe("file names with control characters", () => {
  const hostile = join(dir, `${HOSTILE}.txt`);
  const shown = join(dir, `${SHOWN}.txt`);

  test("a missing file", async () => {
    const { code, err } = await cli("entries", hostile);
    assert.equal(code, 1);
    assert.equal(err, `${shown}:1:1: no such file\n`);
  });

  test("a file with no chronicle", async () => {
    writeFileSync(hostile, "\n");
    const { code, err } = await cli("parse", hostile);
    assert.equal(code, 1);
    assert.equal(err, `${shown}: no chronicle found: the file holds only whitespace\n`);
  });

  test("a parser message", async () => {
    writeFileSync(hostile, "西夏稱天授禮法延祚六年\n遣使如契丹」進馬。（《遼史·興宗本紀》）\n");
    const { code, err } = await cli("entries", hostile);
    assert.equal(code, 0);
    assert.equal(err, `${shown}:2:6: warning: "」" closes nothing [unopened-bracket]\n`);
  });

  test("an argument in a usage error, and an unknown command", async () => {
    const extra = await cli("entries", sample, HOSTILE);
    assert.equal(extra.code, 2);
    assert.ok(extra.err.includes(`Unexpected argument "${SHOWN}"`), extra.err);
    assert.doesNotMatch(extra.err, CONTROL);
    const unknown = await cli(HOSTILE);
    assert.equal(unknown.code, 2);
    assert.ok(unknown.err.startsWith(`biannian: unknown command "${SHOWN}"`));
  });

  test("a database path in an error", async () => {
    const db = join(dir, `${HOSTILE}.db`);
    for (const command of [
      ["search", "元昊"],
      ["serve", "--port", "0"],
      ["entities"],
      ["export", "--format", "tei"],
    ]) {
      const { code, err } = await cli(...command, "--db", db);
      assert.equal(code, 1, command[0]);
      assert.ok(err.includes(join(dir, `${SHOWN}.db`)), err);
      assert.doesNotMatch(err, CONTROL, command[0]);
    }
  });

  test("ingest: the lines about each file, the summary and the progress bar", async () => {
    const good = join(dir, `good ${HOSTILE}.txt`);
    copyFileSync(sample, good);
    writeFileSync(hostile, "");
    const missing = join(dir, `missing ${HOSTILE}.txt`);
    const db = join(dir, `ingest ${HOSTILE}.db`);
    const io = captureIO({ errIsTTY: true });
    const code = await run(["ingest", good, hostile, missing, "--db", db], io);
    assert.equal(code, 1);
    assert.doesNotMatch(io.stdout, CONTROL);
    assert.ok(io.stdout.includes(`added     ${join(dir, `good ${SHOWN}.txt`)} (45 entries`), io.stdout);
    assert.ok(io.stdout.includes(join(dir, `ingest ${SHOWN}.db`)), io.stdout);
    // Standard error is a terminal: the bar is drawn with its own escape (erase the line), and nothing else.
    const bar = "\r\u001b[K";
    assert.ok(io.stderr.includes(bar), "the progress bar was drawn");
    // The bar ends with the file being read, cut on the left to 40 columns.
    const bars = io.stderr.split(bar).filter((part) => part.includes(" files · "));
    const tail = join(dir, `good ${SHOWN}.txt`).slice(-39);
    assert.ok(
      bars.some((b) => b.endsWith(`· …${tail}`)),
      bars.join("\n"),
    );
    const text = io.stderr.replaceAll(bar, "\n");
    assert.doesNotMatch(text, CONTROL);
    assert.ok(text.includes(`${shown}: no chronicle found: the file is empty\n`));
    assert.ok(text.includes(`${join(dir, `missing ${SHOWN}.txt`)}: no such file\n`));
  });
});
