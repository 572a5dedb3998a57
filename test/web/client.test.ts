/** The web client's pure parts: nesting marks, the timeline index, dates, routes. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  chineseNumber,
  concurrentLabels,
  isoRange,
  jdnToIso,
  julianNewYear,
  sexagenaryDay,
} from "../../web/src/format.ts";
import { type MarkNode, nestMarks } from "../../web/src/ranges.ts";
import { href, parseHash } from "../../web/src/router.ts";
import { syntheticTimeline, TimelineIndex } from "../../web/src/timeline/model.ts";

/** The tree in brief: `text-range` or `mark[range children]`, a mark's lone text child left out. */
function show(nodes: MarkNode<string>[]): string {
  return nodes
    .map((n) => {
      if (n.type === "text") return `${n.start}-${n.end}`;
      const lone = n.children.length === 1 && n.children[0]!.type === "text";
      return `${n.mark.value}[${n.start}-${n.end}${lone ? "" : ` ${show(n.children)}`}]`;
    })
    .join(" ");
}

describe("nestMarks", () => {
  test("nests contained marks and splits one that crosses the end of another", () => {
    const nodes = nestMarks(10, [
      { start: 0, end: 6, rank: 0, value: "a" },
      { start: 2, end: 4, rank: 1, value: "b" },
      { start: 5, end: 9, rank: 1, value: "c" },
    ]);
    assert.equal(show(nodes), "a[0-6 0-2 b[2-4] 4-5 c[5-6]] c[6-9] 9-10");
  });

  test("puts the lower rank outside when two marks cover the same characters, drops empty ones", () => {
    const nodes = nestMarks(4, [
      { start: 1, end: 3, rank: 5, value: "match" },
      { start: 1, end: 3, rank: 4, value: "mention" },
      { start: 2, end: 2, rank: 0, value: "empty" },
      { start: 3, end: 9, rank: 0, value: "clipped" },
    ]);
    assert.equal(show(nodes), "0-1 mention[1-3 match[1-3]] clipped[3-4]");
  });
});

describe("TimelineIndex", () => {
  const data = syntheticTimeline(5_000, 50);
  const index = new TimelineIndex(data);

  test("bins count every visible entry once, by category", () => {
    const { counts, columns, max } = index.bin(index.first, index.last + 1, 100, "state");
    assert.equal(columns, 4);
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      5_000,
    );
    assert.ok(max > 0);
  });

  test("filtering hides the entries of the hidden categories", () => {
    const shown = index.filter({ state: new Set([0]) });
    assert.equal(shown, data.state.filter((s) => s !== 0).length);
    const { counts, columns } = index.bin(index.first, index.last + 1, 10, "state");
    for (let b = 0; b < 10; b++) assert.equal(counts[b * columns], 0);
    index.filter({});
    assert.equal(index.visibleCount, 5_000);
  });

  test("lanes keep overlapping entries apart and give up past the limit", () => {
    const from = index.first;
    const to = from + 120;
    const lanes = index.lanes(from, to, 0, 10_000)!;
    const byLane = new Map<number, [number, number][]>();
    for (const { index: k, lane } of lanes)
      byLane.set(lane, [...(byLane.get(lane) ?? []), [index.starts[k]!, index.ends[k]!]]);
    for (const spans of byLane.values())
      for (let i = 1; i < spans.length; i++)
        assert.ok(spans[i]![0] > spans[i - 1]![1], "no overlap within a lane");
    assert.equal(index.lanes(index.first, index.last, 0, 10), null);
  });
});

describe("format", () => {
  test("writes numbers, Julian dates and ranges", () => {
    assert.deepEqual([1, 10, 12, 20, 143, 110, 105].map(chineseNumber), [
      "一",
      "十",
      "十二",
      "二十",
      "一百四十三",
      "一百一十",
      "一百〇五",
    ]);
    assert.equal(jdnToIso(2102233), "1043-08-08");
    assert.equal(julianNewYear(1043), 2102014);
    assert.equal(sexagenaryDay(2102057), "庚午");
    assert.equal(isoRange({ start: "1043-08-08", end: "1043-09-05" }), "1043-08-08 – 09-05");
    assert.equal(isoRange({ start: "1043-12-20", end: "1044-01-17" }), "1043-12-20 – 1044-01-17");
  });

  test("gives each state's reign date at the precision of the entry's date", () => {
    const concurrent = [
      { state: "北宋", era: "慶曆", year: 3, month: 7, leap: false, day: 1, label: "慶曆三年七月一日" },
      { state: "遼", era: "重熙", year: 12, month: 7, leap: false, day: 1, label: "重熙十二年七月一日" },
    ];
    const month = { date: { jdn: { start: 2102233, end: 2102261 }, concurrent } } as never;
    assert.deepEqual(concurrentLabels(month), [
      { state: "北宋", label: "慶曆三年七月" },
      { state: "遼", label: "重熙十二年七月" },
    ]);
    const day = { date: { jdn: { start: 2102233, end: 2102233 }, concurrent } } as never;
    assert.equal(concurrentLabels(day)[0]!.label, "慶曆三年七月一日");
    const year = { date: { jdn: { start: 2102057, end: 2102400 }, concurrent } } as never;
    assert.equal(concurrentLabels(year)[0]!.label, "慶曆三年");
  });
});

describe("routes", () => {
  test("round-trip through the hash", () => {
    const hash = href(["search"], { q: "青鹽", month: "", state: "西夏" });
    assert.equal(hash, "#/search?q=%E9%9D%92%E9%B9%BD&state=%E8%A5%BF%E5%A4%8F");
    const route = parseHash(hash);
    assert.deepEqual(route.path, ["search"]);
    assert.equal(route.params.get("q"), "青鹽");
    assert.deepEqual(parseHash(href(["entity", "person:yuanhao"])).path, ["entity", "person:yuanhao"]);
    assert.deepEqual(parseHash("#/bad/%E0%A4%A").path, ["bad", "%E0%A4%A"]);
  });
});
