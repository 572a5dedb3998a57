import { VARIANT_MARK } from "./characters.ts";
import type { LineIndex } from "./position.ts";
import { forEachTopLevel, occursIn, trimRange } from "./scan.ts";
import type { Variant } from "./types.ts";

// 按NAME，SOURCE作VARIANT — the note names the reading explicitly.
const NAMED =
  /^按?([^，,《》「」]{1,12})[，,]((?:[^《》，,。「」]{0,8}?《[^》]+》[、及]?)+)(俱|並|并|皆|亦)?作([^，,。；「」]{1,16})$/u;
// 按SOURCE[SUBJECT]作VARIANT — the subject, if any, stands between the source and 作.
const SOURCED =
  /^按?((?:[^《》，,。「」]{0,8}?《[^》]+》[、及]?)+)([^《》，,。「」]{0,8}?)(俱|並|并|皆|亦)?作([^，,。；「」]{1,16})$/u;
const MAX_CLAUSE = 80;
const CLAUSE_BREAKS = new Set(["。", "；", ";"]);
/** Punctuation that bounds the stretch of text a name can come from. */
const NAME_BOUNDARY = /[，,。、；;：:「」『』（）()《》！？\s\u3000]/u;
/** Characters after which a name starts: titles and offices end in 使/史, peoples in 族, and verbs of sending. */
const NAME_STARTS_AFTER = new Set(["使", "史", "族", "遣", "令", "命", "將", "帥", "及", "與", "為", "爲"]);
const MAX_CHUNK = 16;

/** Where the main text's reading of a variant stands, when a note follows it directly. */
export interface NameContext {
  /** The offset just before the parenthesis: the name ends here. */
  end: number;
  /** The offset where the paragraph starts: the name cannot begin before it. */
  start: number;
}

/**
 * Finds the variant readings in a note or an inline parenthesis, `text[start, end)`:
 * `《長編》作鄂特結`, `韓、范《文集》勖俱作勉`, `按蕭胡睹，《宋史·夏國傳》作鶻突姑`,
 * `按李心傳《朝野雜記》歲賜之數作二十五萬`, and several clauses joined by 。.
 *
 * When the note does not say which reading it concerns (`訛疥（《長編》作鄂特結）`), `context`
 * tells where the main text stands before it, and the name is taken from there.
 */
export function findVariants(
  text: string,
  start: number,
  end: number,
  context: NameContext | null,
  lines: LineIndex,
): Variant[] {
  const variants: Variant[] = [];
  // Most notes and glosses hold no variant reading: without a 作 there is nothing to split.
  if (!occursIn(text, start, end, VARIANT_MARK)) return variants;
  let clauseStart = start;
  const clauses: { start: number; end: number }[] = [];
  forEachTopLevel(text, start, end, (i, c) => {
    if (CLAUSE_BREAKS.has(c)) {
      clauses.push({ start: clauseStart, end: i });
      clauseStart = i + 1;
    }
    return false;
  });
  clauses.push({ start: clauseStart, end });
  for (const range of clauses) {
    const r = trimRange(text, range.start, range.end);
    if (r.end - r.start > MAX_CLAUSE || r.end <= r.start) continue;
    const clause = text.slice(r.start, r.end);
    if (!clause.includes(VARIANT_MARK)) continue;
    const named = NAMED.exec(clause);
    if (named) {
      const name = named[1]!.replace(/^按/u, "");
      const nameStart = r.start + clause.indexOf(name);
      variants.push({
        type: "variant",
        name,
        variant: named[4]!,
        source: named[2]!.replace(/[、及]$/u, ""),
        subject: null,
        namePosition: lines.position(nameStart, nameStart + name.length),
        position: lines.position(r.start, r.end),
      });
      continue;
    }
    const sourced = SOURCED.exec(clause);
    if (!sourced) continue;
    const source = sourced[1]!.replace(/[、及]$/u, "");
    const subject = sourced[2]! === "" ? null : sourced[2]!;
    const variant = sourced[4]!;
    let name: string | null = null;
    let namePosition = null;
    if (context) {
      const found = nameBefore(text, context, subject ?? variant, subject !== null);
      if (found) {
        name = text.slice(found.start, found.end);
        namePosition = lines.position(found.start, found.end);
      }
    }
    if (name === null && subject !== null) {
      const at = r.start + clause.indexOf(subject, source.length);
      name = subject;
      namePosition = lines.position(at, at + subject.length);
    }
    if (name === null) continue;
    // A one-character subject stands for the full name: 賀從勖 with 勖 作 勉 → 賀從勉.
    const full =
      subject !== null && name !== subject && name.endsWith(subject)
        ? `${name.slice(0, name.length - subject.length)}${variant}`
        : variant;
    variants.push({
      type: "variant",
      name,
      variant: full,
      source,
      subject: subject !== null && subject !== name ? subject : null,
      namePosition,
      position: lines.position(r.start, r.end),
    });
  }
  return variants;
}

/**
 * Picks the name that a variant note refers to from the text just before it. `hint` is the
 * variant (whose first character often repeats the name's, as in 延昌宮使高家奴 / 延慶宮使耶律元衡)
 * or, when `isSubject`, the character the note names, which must end the name.
 */
function nameBefore(
  text: string,
  context: NameContext,
  hint: string,
  isSubject: boolean,
): { start: number; end: number } | null {
  const end = context.end;
  let chunkStart = end;
  while (
    chunkStart > context.start &&
    end - chunkStart < MAX_CHUNK &&
    !NAME_BOUNDARY.test(text[chunkStart - 1]!)
  ) {
    chunkStart--;
  }
  if (chunkStart === end) return null;
  const chunk = text.slice(chunkStart, end);
  if (isSubject && !chunk.endsWith(hint)) return null;
  const wanted = isSubject ? 3 : hint.length;
  if (!isSubject) {
    const first = chunk.lastIndexOf(hint[0]!, chunk.length - 1);
    if (first >= 0 && chunk.length - first <= wanted + 3 && chunk.length - first >= 2) {
      return { start: chunkStart + first, end };
    }
  }
  for (let i = chunk.length - 2; i >= 0; i--) {
    if (NAME_STARTS_AFTER.has(chunk[i]!)) {
      const length = chunk.length - i - 1;
      if (length >= 1 && length <= wanted + 2) return { start: chunkStart + i + 1, end };
      break;
    }
  }
  const length = Math.min(wanted, chunk.length);
  return { start: end - length, end };
}
