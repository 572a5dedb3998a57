/**
 * Folding keeps offsets: every position of a folded text maps back to the code point it came
 * from, checked against a plain code-point-by-code-point reference, and every match found in the
 * folded text slices back, in the original, to characters that fold to the term.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { fold, foldChar, foldWithOffsets, VARIANTS } from "./fold.ts";
import { findMatches } from "./highlight.ts";
import { parseQuery } from "./query.ts";

const REPLACEMENT = "\uFFFD";

/** Code points that fold in every way there is: to fewer code units, to more, to themselves. */
const piece = fc.oneof(
  fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)),
  fc.constantFrom(...Object.keys(VARIANTS)),
  // Extension B: 𤦺 folds into the BMP (琦), 𠀀 stays outside it.
  fc.constantFrom("\u{249BA}", "\u{20000}", "\u{2A6D6}"),
  fc.constantFrom("A", "Z", "ａ", "Ｚ", "１", "，", "。", " ", "\u3000", "\n"),
  fc.string({ unit: "binary", maxLength: 3 }),
  // Lone surrogates, which decoded text never holds but a caller might pass.
  fc.constantFrom("\uD800", "\uDFFF"),
);
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(""));

/**
 * The reference: each code point of `text` folded alone (a lone surrogate as U+FFFD), with the
 * offset in `text` each folded code unit comes from.
 */
function reference(original: string): { text: string; from: number[] } {
  let out = "";
  const from: number[] = [];
  let at = 0;
  for (const char of original) {
    const lone = char.length === 1 && char >= "\uD800" && char <= "\uDFFF";
    const folded = lone ? REPLACEMENT : foldChar(char);
    for (let k = 0; k < folded.length; k++) from.push(at);
    out += folded;
    at += char.length;
  }
  from.push(original.length);
  return { text: out, from };
}

describe("folding with offsets", () => {
  test("maps every code point boundary of the folded text back to the code point it came from", () => {
    fc.assert(
      fc.property(text, (original) => {
        const folded = foldWithOffsets(original);
        const expected = reference(original);
        assert.equal(folded.text, expected.text);
        assert.equal(folded.text, fold(original));
        // Positions inside a surrogate pair are no boundary a match can have: left out.
        const bounds = [0];
        for (const char of folded.text) bounds.push(bounds[bounds.length - 1]! + char.length);
        assert.deepEqual(
          bounds.map((i) => folded.toOriginal(i)),
          bounds.map((i) => expected.from[i]),
        );
      }),
      { numRuns: 1000 },
    );
  });

  test("every slice between mapped code point boundaries folds to the folded slice", () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (original, a, b) => {
        const folded = foldWithOffsets(original);
        // Code point boundaries of the folded text.
        const bounds = [0];
        for (const char of folded.text) bounds.push(bounds[bounds.length - 1]! + char.length);
        const from = bounds[a % bounds.length]!;
        const to = bounds[b % bounds.length]!;
        const [start, end] = from <= to ? [from, to] : [to, from];
        const slice = original.slice(folded.toOriginal(start), folded.toOriginal(end));
        assert.equal(fold(slice), folded.text.slice(start, end));
      }),
      { numRuns: 1000 },
    );
  });

  test("every match slices back to text that folds to its term, as many as a plain scan finds", () => {
    // A term cut from one word of the text (so that it occurs there), as written or folded.
    const withTerm = text.chain((original) => {
      const words = original.split(/[\s\u3000]+/u).filter((w) => w !== "" && !/[\uD800-\uDFFF]/.test(w));
      if (words.length === 0) return fc.constant({ original: `${original}元昊`, term: "元昊" });
      return fc
        .tuple(fc.nat(words.length - 1), fc.nat(), fc.integer({ min: 1, max: 4 }), fc.boolean())
        .map(([w, at, length, folded]) => {
          const chars = [...words[w]!];
          const from = at % chars.length;
          const term = chars.slice(from, from + length).join("");
          return { original, term: folded ? fold(term) : term };
        });
    });
    fc.assert(
      fc.property(withTerm, ({ original, term }) => {
        const terms = parseQuery(term);
        const matches = findMatches(original, terms);
        for (const m of matches) {
          assert.equal(fold(original.slice(m.start, m.end)), terms[m.term]!.folded, `${term} in ${original}`);
        }
        // The plain scan: non-overlapping occurrences of each folded term in the folded text.
        const folded = fold(original);
        let expected = 0;
        for (const t of terms) {
          for (
            let at = folded.indexOf(t.folded);
            at !== -1;
            at = folded.indexOf(t.folded, at + t.folded.length)
          )
            expected++;
        }
        assert.equal(matches.length, expected);
        assert.ok(expected >= 1, `${term} occurs in ${original}`);
      }),
      { numRuns: 500 },
    );
  });
});
