/**
 * The parser on hostile input: brackets nested thousands deep, mixed and unbalanced, and single
 * lines of 10 MB. Each case must finish within a time bound (no hang, nothing quadratic), throw
 * nothing, and keep every position true to the text.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { parse } from "./parse.ts";
import type { ChronicleTree, Position } from "./types.ts";

/** Opening brackets the parser knows (full-width and half-width) and their closers. */
const OPENERS = ["（", "〔", "【", "「", "『", "《", "("] as const;
const CLOSERS = ["）", "〕", "】", "」", "』", "》", ")"] as const;
/** Text that may stand between the brackets. */
const FILLERS = ["", "元昊", "《長編》作鄂特結", "。", "，", "按", "\u{249BA}", "慶曆三年", "\n"];
/** Far above what a linear parse of any case here needs, far below what a quadratic one would. */
const NESTED_BOUND_MS = 5_000;
const LONG_LINE_BOUND_MS = 30_000;
/** The long lines' size: 10 MB in UTF-8. */
const LONG_LINE_BYTES = 10 * 1024 * 1024;

/** The offset at which each line starts, for turning offsets into lines and columns. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Checks that a point's line and column agree with its offset (1-based, columns in code units). */
function checkPoint(starts: number[], point: Position["start"], what: string): void {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= point.offset) lo = mid;
    else hi = mid - 1;
  }
  assert.equal(point.line, lo + 1, `${what}: line of offset ${point.offset}`);
  assert.equal(point.column, point.offset - starts[lo]! + 1, `${what}: column of offset ${point.offset}`);
}

/** The text a node says it covers, when it carries one that must equal its slice. */
function ownText(node: Record<string, unknown>): string | null {
  switch (node.type) {
    case "headline":
    case "detail":
    case "note":
      return node.value as string;
    case "yearHeading":
      return node.label as string;
    case "date":
      return node.text as string;
    case "citation":
      return node.raw as string;
    default:
      return null;
  }
}

/**
 * Checks every positioned node of a tree and every message place: inside the text, start before
 * end, lines and columns true, and text-carrying nodes equal to their slice. Returns the count.
 */
function checkPositions(text: string, tree: ChronicleTree): number {
  const starts = lineStarts(text);
  let count = 0;
  const check = (position: Position, what: string, expected: string | null) => {
    const { start, end } = position;
    assert.ok(0 <= start.offset && start.offset <= end.offset && end.offset <= text.length, `${what} range`);
    checkPoint(starts, start, what);
    checkPoint(starts, end, what);
    if (expected !== null)
      assert.equal(text.slice(start.offset, end.offset), expected, `${what} slices back`);
    count++;
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== "object") return;
    const node = value as Record<string, unknown>;
    if (typeof node.type === "string" && node.position)
      check(node.position as Position, node.type, ownText(node));
    if (node.type === "variant" && node.namePosition)
      check(node.namePosition as Position, "variant name", node.name as string);
    for (const [key, child] of Object.entries(node)) if (key !== "position" && key !== "data") visit(child);
  };
  visit(tree);
  for (const message of tree.messages) check(message.place, `message ${message.ruleId}`, null);
  return count;
}

/** Parses `text`, failing when it takes longer than `bound` ms. */
function timedParse(text: string, bound: number): ChronicleTree {
  const started = performance.now();
  const tree = parse(text);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < bound, `parsing ${text.length} code units took ${Math.round(elapsed)} ms`);
  return tree;
}

const bracket = fc.integer({ min: 0, max: OPENERS.length - 1 });

test("brackets nested thousands deep, balanced or not, parse in bounded time with true positions", () => {
  fc.assert(
    fc.property(
      fc.record({
        depth: fc.integer({ min: 1000, max: 6000 }),
        kinds: fc.array(bracket, { minLength: 1, maxLength: 7 }),
        filler: fc.constantFrom(...FILLERS),
        // How many of the closers are written, and whether they close in the wrong order.
        closed: fc.double({ min: 0, max: 1, noNaN: true }),
        mismatched: fc.boolean(),
        before: fc.constantFrom("", "春正月，", "慶曆三年\n二月，元昊", "（"),
        after: fc.constantFrom("", "。", "。（《長編》一百三十九）", "）", "\n夏四月，使至。"),
      }),
      ({ depth, kinds, filler, closed, mismatched, before, after }) => {
        const kind = (i: number) => kinds[i % kinds.length]!;
        const opens = Array.from({ length: depth }, (_, i) => OPENERS[kind(i)]).join(filler);
        const written = Math.round(depth * closed);
        const closes = Array.from({ length: written }, (_, i) =>
          mismatched ? CLOSERS[kind(i)] : CLOSERS[kind(depth - 1 - i)],
        ).join(filler);
        const text = `${before}${opens}元昊${closes}${after}`;
        const tree = timedParse(text, NESTED_BOUND_MS);
        assert.ok(checkPositions(text, tree) >= 1);
      },
    ),
    { numRuns: 40 },
  );
});

test("a 10 MB single line of chronicle-like text parses in bounded time with true positions", () => {
  const unit = fc
    .array(
      fc.constantFrom(
        ..."（）()《》「」〔〕【】。，、：；按作及·年月春夏秋冬閏正二十一百三八壬戌元昊契丹宋稱".split(""),
        "\u{249BA}",
        "慶曆三年",
        "（《長編》一百三十九）",
      ),
      { minLength: 1, maxLength: 60 },
    )
    .map((parts) => parts.join(""));
  fc.assert(
    fc.property(unit, (piece) => {
      const copies = Math.ceil(LONG_LINE_BYTES / Buffer.byteLength(piece));
      const text = piece.repeat(copies);
      assert.ok(Buffer.byteLength(text) >= LONG_LINE_BYTES);
      const tree = timedParse(text, LONG_LINE_BOUND_MS);
      checkPositions(text, tree);
      assert.ok(tree.children.every((year) => year.position.start.line === 1));
    }),
    { numRuns: 3 },
  );
});

test("arbitrary Unicode with brackets mixed in never throws and keeps positions true", () => {
  const anyText = fc
    .array(
      fc.oneof(
        fc.string({ unit: "binary", maxLength: 8 }),
        fc.constantFrom(...OPENERS, ...CLOSERS, "\n", "\r\n"),
      ),
      {
        maxLength: 80,
      },
    )
    .map((parts) => parts.join(""));
  fc.assert(
    fc.property(anyText, (text) => {
      const tree = timedParse(text, NESTED_BOUND_MS);
      checkPositions(text, tree);
      assert.deepEqual(JSON.parse(JSON.stringify(tree)), tree);
    }),
    { numRuns: 300 },
  );
});
