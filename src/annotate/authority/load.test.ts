import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { AuthorityError, loadAuthority, parseAuthorityText } from "./load.ts";

const dir = mkdtempSync(join(tmpdir(), "biannian-authority-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const person = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: "person:ren-fu-test",
    name: "任福",
    state: "宋",
    aliases: [],
    born: null,
    died: 1041,
    cbdb: null,
    note: "",
    sources: ["宋史·任福傳"],
    ...fields,
  });

function issues(text: string, file = "mine.jsonl", kind?: "person") {
  return parseAuthorityText(text, file, kind).issues.map((i) => `${i.file}:${i.line}: ${i.reason}`);
}

test("a valid record parses, with its kind", () => {
  const { records, issues } = parseAuthorityText(`${person()}\n`, "mine.jsonl");
  assert.deepEqual(issues, []);
  assert.equal(records[0]!.record.kind, "person");
  assert.deepEqual(records[0]!.origin, { file: "mine.jsonl", line: 1 });
});

test("bad records are reported as file:line: reason, every one of them", () => {
  const text = [
    person(),
    "{not json",
    "",
    person({ id: "person:x", sources: [] }),
    person({ id: "person:y", aliases: [{ name: "福", type: "nickname" }] }),
    person({ id: "person:z", extra: 1 }),
    JSON.stringify({ id: "thing:a" }),
  ].join("\n");
  const found = issues(text);
  assert.match(found[0]!, /^mine\.jsonl:2: not valid JSON \(/);
  assert.deepEqual(found.slice(1), [
    "mine.jsonl:3: blank line (the format allows none)",
    "mine.jsonl:4: sources: needs at least one source",
    'mine.jsonl:5: aliases[0].type: Invalid option: expected one of "courtesy"|"posthumous"|"temple"|"personal"|"renamed"|"title"|"transliteration"|"variant"|"short"|"pejorative"|"self"|"other"',
    'mine.jsonl:6: Unrecognized key: "extra"',
    'mine.jsonl:7: id: "thing:a" must start with one of person:, place:, polity:, office:, commodity:, unit:',
  ]);
});

test("a missing key, a malformed id and an alias listed twice are reported", () => {
  const { born: _born, ...withoutBorn } = JSON.parse(person());
  assert.deepEqual(issues(JSON.stringify(withoutBorn)), [
    "mine.jsonl:1: born: Invalid input: expected number, received undefined",
  ]);
  assert.deepEqual(issues(person({ id: "person:Ren Fu" })), [
    "mine.jsonl:1: id: must look like person:slug (lower-case ASCII)",
  ]);
  assert.deepEqual(
    issues(
      person({
        aliases: [
          { name: "福", type: "short" },
          { name: "福", type: "short" },
        ],
      }),
    ),
    ['mine.jsonl:1: aliases: "福" is listed twice'],
  );
});

test("a bundled file holds one kind of record", () => {
  assert.deepEqual(issues(person(), "places.jsonl", "person"), []);
  assert.deepEqual(
    parseAuthorityText(person(), "places.jsonl", "place" as never).issues.map((i) => i.reason),
    ['id: "person:ren-fu-test" is a person record; this file holds place records'],
  );
});

test("a user file is merged with the bundled records; its records may replace bundled ones", () => {
  const file = join(dir, "extra.jsonl");
  writeFileSync(
    file,
    `${person()}\n${person({ id: "person:yuanhao", name: "元昊", state: "夏", born: 1003, died: 1048, cbdb: 12345 })}\n`,
  );
  const authority = loadAuthority({ files: [file] });
  assert.equal(authority.get("person:ren-fu-test")?.name, "任福");
  const yuanhao = authority.get("person:yuanhao");
  assert.equal(yuanhao?.kind === "person" && yuanhao.cbdb, 12345);
  assert.deepEqual(authority.origin("person:ren-fu-test"), { file, line: 1 });
});

test("loadAuthority throws one AuthorityError listing duplicates and links that point nowhere", () => {
  const file = join(dir, "broken.jsonl");
  writeFileSync(
    file,
    [
      person(),
      person(),
      JSON.stringify({
        id: "place:nowhere-test",
        name: "無何有之鄉",
        type: "region",
        state: null,
        aliases: [],
        part_of: "place:atlantis",
        modern: null,
        lat: null,
        lon: null,
        precision: "unknown",
        note: "",
        sources: ["莊子"],
      }),
    ].join("\n"),
  );
  assert.throws(
    () => loadAuthority({ files: [file] }),
    (error: unknown) => {
      assert.ok(error instanceof AuthorityError);
      assert.deepEqual(
        error.issues.map((i) => `${i.line}: ${i.reason}`),
        [
          `2: duplicate id "person:ren-fu-test" (first at ${file}:1)`,
          '3: part_of: "place:atlantis" is not the id of any record',
        ],
      );
      assert.match(error.message, /broken\.jsonl:2: duplicate id/);
      return true;
    },
  );
});

test("a file that does not exist is an AuthorityError naming it", () => {
  assert.throws(
    () => loadAuthority({ files: [join(dir, "missing.jsonl")] }),
    /missing\.jsonl:1: no such file/,
  );
});
