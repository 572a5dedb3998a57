import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { placeLocation } from "./authority.ts";
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

const place = (fields: Record<string, unknown>) =>
  JSON.stringify({
    id: "place:test",
    name: "試州",
    type: "州",
    state: "宋",
    aliases: [],
    part_of: null,
    modern: null,
    lat: null,
    lon: null,
    precision: "unknown",
    note: "",
    sources: ["宋史·地理志"],
    ...fields,
  });

test("a place's coordinates must agree with its precision and fall in East Asia, and part_of must not point to something smaller or round in a circle", () => {
  const file = join(dir, "places-bad.jsonl");
  writeFileSync(
    file,
    [
      place({ id: "place:half", lat: 36.6, precision: "approximate" }),
      place({ id: "place:city-without", precision: "city" }),
      place({ id: "place:unknown-with", lat: 36.6, lon: 109.5, precision: "unknown" }),
      place({ id: "place:elsewhere", lat: 36.6, lon: 9.5, precision: "city" }),
      place({ id: "place:fort-test", name: "試寨", type: "寨", part_of: "place:loop-b" }),
      place({ id: "place:big", name: "試州二", part_of: "place:fort-test" }),
      place({ id: "place:loop-a", name: "甲州", part_of: "place:loop-b" }),
      place({ id: "place:loop-b", name: "乙州", part_of: "place:loop-a" }),
    ].join("\n"),
  );
  assert.throws(
    () => loadAuthority({ bundled: false, files: [file] }),
    (error: unknown) => {
      assert.ok(error instanceof AuthorityError);
      assert.deepEqual(
        error.issues.map((i) => `${i.line}: ${i.reason}`),
        [
          "1: lat and lon: give both or neither",
          '2: precision: "city" needs coordinates (else "approximate", "region" or "unknown")',
          '3: precision: "unknown" goes with lat and lon null',
          "4: lat 36.6, lon 9.5: outside 15–55°N, 70–140°E (swapped or mistyped?)",
          '5: part_of: the chain of places it belongs to loops at "place:loop-b"',
          '6: part_of: a 州 cannot belong to "place:fort-test", a 寨',
          '7: part_of: the chain of places it belongs to loops at "place:loop-a"',
          '8: part_of: the chain of places it belongs to loops at "place:loop-b"',
        ],
      );
      return true;
    },
  );
});

test("the persons grown from 長編 load with the bundled files, each provisional with where it was found", () => {
  const grown = loadAuthority()
    .ofKind("person")
    .filter((p) => p.found !== undefined);
  assert.ok(grown.length > 1000);
  for (const p of grown.slice(0, 50)) {
    assert.equal(typeof p.provisional, "boolean");
    assert.ok(p.found!.juan.length > 0 && p.found!.at.length > 0);
  }
  assert.equal(
    loadAuthority({ grown: false })
      .ofKind("person")
      .some((p) => p.found !== undefined),
    false,
  );
  const { issues } = parseAuthorityText(
    `${person({ id: "person:cb-test" })}\n`,
    "persons-changbian.jsonl",
    "person",
    {
      grown: true,
    },
  );
  assert.deepEqual(
    issues,
    [
      "provisional: Invalid input: expected boolean, received undefined",
      "found: Invalid input: expected object, received undefined",
    ].map((reason) => ({ file: "persons-changbian.jsonl", line: 1, reason })),
  );
});

test("a place without coordinates of its own is shown at the place it belongs to, and marked so", () => {
  const authority = loadAuthority();
  assert.deepEqual(placeLocation(authority, "place:qingzhou"), {
    lat: 36,
    lon: 107.88,
    precision: "city",
    at: "place:qingzhou",
    inherited: false,
  });
  assert.deepEqual(placeLocation(authority, "place:rouyuan-zhai"), {
    lat: 36,
    lon: 107.88,
    precision: "city",
    at: "place:qingzhou",
    inherited: true,
  });
  assert.equal(placeLocation(authority, "place:shaanxi"), null);
  const places = authority.ofKind("place");
  const own = places.filter((p) => p.lat !== null).length;
  const shown = places.filter((p) => placeLocation(authority, p.id) !== null).length;
  assert.ok(shown > own, `${shown} places on a map, ${own} with coordinates of their own`);
});
