/**
 * Characters a font may lack. Kanripo texts write characters Unicode has not encoded as entities
 * (`&KR0776;`), and many others in the supplementary planes (CJK Extensions B–H, 𫝊 U+2B74A) that
 * few fonts have. An entity is shown as a small boxed code; a character that no font on this
 * system draws (tested once per character on a canvas, against the empty box a missing glyph
 * gives) as its boxed code point, with a title that says so. The text itself stays in the page,
 * so that copying and searching find it.
 */
import { type Child, h } from "./dom.ts";

/** An entity of the Kanseki Repository, or a character outside the Basic Multilingual Plane or private. */
const RARE = /&KR\d{4,5};|[\u{20000}-\u{3FFFF}\u{E000}-\u{F8FF}\u{F0000}-\u{10FFFD}]/gu;

/** The fonts the text is set in (the stylesheet's `--serif`). */
const FONT_STACK =
  '"Noto Serif CJK TC", "Noto Serif CJK SC", "Source Han Serif TC", "Source Han Serif", "Songti TC", "Songti SC", "HanaMinB", "BabelStone Han", "TH-Tshyn-P1", serif';

const drawable = new Map<string, boolean>();
let canvas: CanvasRenderingContext2D | null | undefined;
let missingGlyph: string | null = null;

/** The pixels of a character drawn in the text's fonts, as a string to compare. */
function pixels(ctx: CanvasRenderingContext2D, char: string): string {
  ctx.clearRect(0, 0, 40, 40);
  ctx.fillText(char, 4, 32);
  const data = ctx.getImageData(0, 0, 40, 40).data;
  let out = "";
  for (let i = 3; i < data.length; i += 4 * 3) out += data[i]! > 127 ? "1" : "0";
  return out;
}

/**
 * Whether a font on this system draws the character: its drawing differs from that of a code
 * point no font has (U+10FFFD, a private-use noncharacter's neighbour). True when it cannot tell.
 */
export function hasGlyph(char: string): boolean {
  const known = drawable.get(char);
  if (known !== undefined) return known;
  if (canvas === undefined) {
    const element = document.createElement("canvas");
    element.width = element.height = 40;
    canvas = element.getContext("2d", { willReadFrequently: true });
    if (canvas) {
      canvas.font = `30px ${FONT_STACK}`;
      canvas.textBaseline = "alphabetic";
      missingGlyph = pixels(canvas, "\u{10FFFD}");
    }
  }
  const result = !canvas || missingGlyph === null ? true : pixels(canvas, char) !== missingGlyph;
  drawable.set(char, result);
  return result;
}

/** `U+2B74A`. */
export function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Text with its rare characters marked: entities boxed, characters no font draws shown as their
 * code point. Plain text comes back as it is.
 *
 * @example
 * rareText("甲&KR0776;乙") //=> ["甲", <span class="kr-entity">&KR0776;</span>, "乙"]
 */
export function rareText(text: string): Child {
  RARE.lastIndex = 0;
  if (!RARE.test(text)) return text;
  RARE.lastIndex = 0;
  const out: Child[] = [];
  let at = 0;
  for (const match of text.matchAll(RARE)) {
    const piece = match[0];
    if (match.index > at) out.push(text.slice(at, match.index));
    at = match.index + piece.length;
    if (piece.startsWith("&")) {
      const code = piece.slice(1, -1);
      out.push(
        h(
          "span",
          {
            class: "kr-entity",
            title: `${code}: a character Unicode has not encoded, as the Kanseki Repository writes it (${piece})`,
            attrs: { "data-code": code, "aria-label": `unencoded character ${code}` },
          },
          piece,
        ),
      );
    } else if (hasGlyph(piece)) out.push(piece);
    else {
      const cp = codePoint(piece);
      out.push(
        h(
          "span",
          {
            class: "rare-char missing",
            title: `${cp}: no font on this system has this character (install one with CJK Extension B–H, e.g. HanaMinB or BabelStone Han)`,
            attrs: { "data-cp": cp },
          },
          piece,
        ),
      );
    }
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
