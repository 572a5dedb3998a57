/**
 * Stand-off ranges to inline markup: a region of the text is written with elements opened and
 * closed at the offsets of properly nested spans, and some characters replaced by "atoms"
 * (a Kanripo `¶` by `<lb/>`). Crossing spans cannot nest: optional ones (mentions) are left out.
 */
import { escapeText } from "./xml.ts";

/** An element around a range of the text. */
export interface Span {
  start: number;
  end: number;
  /** Among spans over the same range, the lower rank is the outer element. */
  rank: number;
  open: string;
  close: string;
  /** An optional span is dropped when it would cross another. */
  optional?: boolean;
}

/** Characters of the text written as markup instead (`¶` → `<lb/>`). */
export interface Atom {
  start: number;
  end: number;
  xml: string;
}

/** True when two ranges overlap without one containing the other. */
function crosses(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return (
    (a.start < b.start && b.start < a.end && a.end < b.end) ||
    (b.start < a.start && a.start < b.end && b.end < a.end)
  );
}

/**
 * Keeps the spans that can be written: required spans first, then each optional span that
 * neither crosses an accepted span nor cuts an atom. Empty spans are left out.
 *
 * @returns the accepted spans, and the optional spans left out
 */
export function nestSpans(
  spans: readonly Span[],
  atoms: readonly Atom[],
): { accepted: Span[]; dropped: Span[] } {
  const accepted: Span[] = [];
  const dropped: Span[] = [];
  const cutsAtom = (s: Span) =>
    atoms.some((a) => (a.start < s.start && s.start < a.end) || (a.start < s.end && s.end < a.end));
  const ordered = [...spans.filter((s) => !s.optional), ...spans.filter((s) => s.optional)];
  for (const span of ordered) {
    if (span.end <= span.start || cutsAtom(span) || accepted.some((a) => crosses(a, span))) {
      dropped.push(span);
      continue;
    }
    accepted.push(span);
  }
  return { accepted, dropped };
}

/**
 * Writes `text[from, to)` with the spans (which must nest) as elements. Text outside every span
 * is written by `outside` (for element-only contexts), text inside by `inside`.
 */
export function renderSpans(
  from: number,
  to: number,
  spans: readonly Span[],
  inside: (start: number, end: number) => string,
  outside: (start: number, end: number) => string = inside,
): string {
  const sorted = spans
    .map((span, index) => ({ span, index }))
    .filter(({ span }) => span.start >= from && span.end <= to)
    .sort(
      (a, b) =>
        a.span.start - b.span.start ||
        b.span.end - a.span.end ||
        a.span.rank - b.span.rank ||
        a.index - b.index,
    )
    .map(({ span }) => span);
  let out = "";
  let at = from;
  const stack: Span[] = [];
  const text = (until: number) => {
    if (until > at) out += stack.length === 0 ? outside(at, until) : inside(at, until);
    at = Math.max(at, until);
  };
  for (const span of sorted) {
    while (stack.length > 0 && stack.at(-1)!.end <= span.start) {
      const top = stack.at(-1)!;
      text(top.end);
      out += top.close;
      stack.pop();
    }
    text(span.start);
    out += span.open;
    stack.push(span);
  }
  while (stack.length > 0) {
    const top = stack.at(-1)!;
    text(top.end);
    out += top.close;
    stack.pop();
  }
  text(to);
  return out;
}

/**
 * Writes `text[start, end)` as escaped character data, with the atoms in that range as markup.
 *
 * @param atoms sorted by start, not overlapping
 */
export function renderText(text: string, start: number, end: number, atoms: readonly Atom[]): string {
  let out = "";
  let at = start;
  for (const atom of atomsIn(atoms, start, end)) {
    out += escapeText(text.slice(at, atom.start)) + atom.xml;
    at = atom.end;
  }
  return out + escapeText(text.slice(at, end));
}

/** The atoms that lie inside `[start, end)`, by binary search. */
export function atomsIn(atoms: readonly Atom[], start: number, end: number): Atom[] {
  let lo = 0;
  let hi = atoms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (atoms[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: Atom[] = [];
  for (let i = lo; i < atoms.length && atoms[i]!.end <= end; i++) out.push(atoms[i]!);
  return out;
}
