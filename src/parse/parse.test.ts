import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { parse } from "./parse.ts";
import { toEntryRecords } from "./records.ts";
import type { ChronicleTree, Position } from "./types.ts";

/** Every positioned node of the tree with the text it should cover, if it carries one. */
function* positioned(
  tree: ChronicleTree,
): Generator<{ position: Position; text: string | null; what: string }> {
  for (const year of tree.children) {
    yield { position: year.position, text: null, what: "year" };
    if (year.heading) yield { position: year.heading.position, text: year.heading.label, what: "heading" };
    for (const entry of year.children) {
      yield { position: entry.position, text: null, what: "entry" };
      if (entry.dateNode)
        yield { position: entry.dateNode.position, text: entry.dateNode.text, what: "date" };
      for (const p of [entry.headline, ...entry.details]) {
        yield { position: p.position, text: p.value, what: p.type };
        for (const child of p.children) {
          yield { position: child.position, text: null, what: child.type };
          if (child.type === "variantNote") {
            for (const v of child.variants) {
              if (v.namePosition) yield { position: v.namePosition, text: v.name, what: "name" };
            }
          }
        }
      }
      if (entry.sources) {
        yield { position: entry.sources.position, text: `（${entry.sources.value}）`, what: "sources" };
        for (const c of entry.sources.citations)
          yield { position: c.position, text: c.raw, what: "citation" };
        for (const n of entry.sources.notes) yield { position: n.position, text: n.value, what: "note" };
      }
    }
  }
}

/** Checks the invariants every tree must satisfy over its source text. */
function checkTree(text: string, tree: ChronicleTree): void {
  const lines = text.split("\n");
  for (const { position, text: expected, what } of positioned(tree)) {
    const { start, end } = position;
    assert.ok(start.offset >= 0 && start.offset <= end.offset && end.offset <= text.length, `${what} range`);
    for (const point of [start, end]) {
      // line and column agree with the offset
      const before = text.slice(0, point.offset);
      const line = before.split("\n").length;
      assert.equal(point.line, line, `${what} line`);
      assert.equal(point.column, point.offset - before.lastIndexOf("\n"), `${what} column`);
      assert.ok(point.line <= lines.length);
    }
    if (expected !== null && !(what === "sources" && text[end.offset - 1] !== "）")) {
      assert.equal(text.slice(start.offset, end.offset), expected, `${what} slices back to its text`);
    }
  }
  for (const m of tree.messages)
    assert.ok(m.place.start.offset <= text.length && m.place.end.offset <= text.length);
  assert.deepEqual(JSON.parse(JSON.stringify(tree)), tree);
}

const SAMPLE_LINES = [
  "西夏稱天授禮法延祚六年",
  "春正月，契丹遣使來議與宋和。（《遼史·興宗本紀》）宋建渭州籠竿城為德順軍。",
  "團練使訛疥（《長編》作鄂特結）侵環州。（《長編》一百五十五）",
  "元昊請降於契丹，上表謝罪。（《遼史·西夏外紀》、《興宗本紀》及《蕭滴冽傳》）",
  "八月壬戌，使如契丹。（《長編》一百三十九及一百四十九。按《長編》：「賊（西界）所希甚大。」）",
];

test("an empty input gives an empty tree", () => {
  const tree = parse("");
  assert.deepEqual(tree, {
    type: "root",
    children: [],
    messages: [],
    meta: {
      format: "plain",
      properties: {},
      juan: null,
      pages: [],
      document: {
        work: null,
        short: null,
        author: null,
        juan: null,
        juanLabel: null,
        section: null,
        ruler: null,
        state: null,
        textId: null,
        title: null,
      },
    },
    position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
  });
  assert.deepEqual(parse("\n \u3000\n\n").children, []);
});

test("a file without year headings keeps its entries under a year without heading", () => {
  const tree = parse("三月，獻俘契丹。（《西夏書事》）\n遣使如契丹進馬、駝。（《遼史·興宗本紀》）\n");
  assert.equal(tree.children.length, 1);
  assert.equal(tree.children[0]!.heading, null);
  assert.deepEqual(
    tree.children[0]!.children.map((e) => [e.headline.value, e.date.text, e.date.own]),
    [
      ["獻俘契丹。", "三月", true],
      ["遣使如契丹進馬、駝。", "三月", false],
    ],
  );
});

test("a date holds for the following entries until the next date, and a year heading resets it", () => {
  const text = [
    "西夏稱天授禮法延祚六年",
    "冬十月，侵党項。（《西夏書事》）",
    "契丹城河清軍。（《遼史·地理志》）",
    "十二月，復遣張延壽等如宋議和。（《長編》一百四十五）",
    "西夏稱天授禮法延祚七年",
    "使臣張延壽還。（《西夏書事》）",
  ].join("\n");
  const records = toEntryRecords(parse(text));
  assert.deepEqual(
    records.map((r) => [r.year.number, r.date.text, r.date.month, r.date.own]),
    [
      [6, "冬十月", 10, true],
      [6, "冬十月", 10, false],
      [6, "十二月", 12, true],
      [7, null, null, false],
    ],
  );
});

test("a day alone keeps the month of the date before it", () => {
  const records = toEntryRecords(
    parse("八月，使如契丹。（《遼史》）\n壬戌，楊偕知越州。（《長編》一百四十二）\n"),
  );
  assert.deepEqual(records[1]!.date, {
    text: "壬戌",
    season: null,
    month: 8,
    leap: false,
    day: "壬戌",
    relative: null,
    own: true,
  });
});

test("reports unbalanced and mismatched brackets with line and column, and still finds the entries", () => {
  const text =
    "西夏稱天授禮法延祚六年\n三月，獻俘契丹（《西夏書事》。\n遣使如契丹」進馬。（《遼史·興宗本紀》）\n";
  const tree = parse(text);
  const problems = tree.messages.map((m) => `${m.place.start.line}:${m.place.start.column} ${m.ruleId}`);
  assert.deepEqual(problems, ["2:8 unclosed-bracket", "3:6 unopened-bracket"]);
  // The unclosed parenthesis at the end of the line is still read as the entry's citation.
  assert.deepEqual(
    toEntryRecords(tree).map((r) => [r.headline, r.citations.map((c) => c.work)]),
    [
      ["獻俘契丹", ["西夏書事"]],
      ["遣使如契丹」進馬。", ["遼史"]],
    ],
  );
  checkTree(text, tree);
});

test("reads half-width parentheses as full-width ones and says so", () => {
  const tree = parse("三月，獻俘契丹。(《西夏書事》)遣使如契丹。(《遼史·興宗本紀》)\n");
  assert.deepEqual(
    toEntryRecords(tree).map((r) => [r.headline, r.citations.map((c) => c.work)]),
    [
      ["獻俘契丹。", ["西夏書事"]],
      ["遣使如契丹。", ["遼史"]],
    ],
  );
  assert.ok(tree.messages.some((m) => m.ruleId === "half-width-punctuation" && m.place.start.column === 9));
});

test("parses text in simplified characters", () => {
  const text = "西夏称天授礼法延祚六年\n闰九月，遣使如宋请和。（《长编》一百三十九）\n";
  const records = toEntryRecords(parse(text));
  assert.deepEqual(
    records.map((r) => [
      r.year.era,
      r.year.number,
      r.date.month,
      r.date.leap,
      r.headline,
      r.citations[0]?.juan,
    ]),
    [["天授礼法延祚", 6, 9, true, "遣使如宋请和。", 139]],
  );
});

test("counts offsets in UTF-16 code units across characters outside the BMP", () => {
  const text =
    "西夏稱天授禮法延祚六年\n二月，韓𤦺言事。（《長編》一百三十九）宋召范仲淹。（《宋史·范仲淹傳》）\n";
  const tree = parse(text);
  const [first, second] = tree.children[0]!.children;
  assert.equal(first!.headline.value, "韓𤦺言事。");
  assert.equal(second!.headline.position.start.offset, text.indexOf("宋召"));
  assert.equal(second!.headline.position.start.column, text.indexOf("宋召") - text.indexOf("\n"));
  checkTree(text, tree);
});

test("keeps corpus text as text: markup stays inside the values", () => {
  const text = '三月，<script>alert("x")</script>獻俘。（《<img src=x onerror=alert(1)>》）\n';
  const [record] = toEntryRecords(parse(text));
  assert.equal(record!.headline, '<script>alert("x")</script>獻俘。');
  assert.equal(record!.citations[0]!.work, "<img src=x onerror=alert(1)>");
});

test("every node of the sample slices back to its text", () => {
  const text = SAMPLE_LINES.join("\n");
  checkTree(text, parse(text));
});

test("never throws, always terminates, and keeps positions true on random chronicle-like text", () => {
  const alphabet = fc.constantFrom(
    ..."（）()《》「」『』〔〕【】。，、：；按作及·年月春夏秋冬閏是歲正二十一百三八壬戌元昊契丹宋稱西天授\n\u3000 ".split(
      "",
    ),
    "𤦺",
    "\r\n",
  );
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 300 }), (chars) => {
      const text = chars.join("");
      checkTree(text, parse(text));
    }),
    { numRuns: 300 },
  );
});

test("never throws on arbitrary Unicode", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
      checkTree(text, parse(text));
    }),
    { numRuns: 200 },
  );
});

test("handles deeply nested brackets and very long lines in linear time", () => {
  const nested = `${"（".repeat(100_000)}${"）".repeat(100_000)}`;
  const started = performance.now();
  const tree = parse(nested);
  const long = parse("契丹遣使來議和。".repeat(200_000));
  const elapsed = performance.now() - started;
  assert.deepEqual(
    tree.messages.filter((m) => m.severity !== "info"),
    [],
  );
  assert.equal(long.children[0]!.children.length, 1);
  // Far below what a quadratic parser would need for 1.7 million characters.
  assert.ok(elapsed < 20_000, `took ${elapsed} ms`);
});
