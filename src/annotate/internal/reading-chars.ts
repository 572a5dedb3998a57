/**
 * The reading characters around an offset of a segment's text, past a Kanripo file's layout:
 * line marks with their line ends and page marker lines (`二¶\n羗` reads 二羗).
 */

const LINE_MARK = "¶";

/** The reading character before `at`, past a Kanripo file's layout (`二¶\n羗` → 二). */
export function charBefore(text: string, at: number): string {
  let k = at - 1;
  for (;;) {
    if (text[k] === "\n" && text[k - 1] === "\r") k--;
    if (text[k] === "\n" && text[k - 1] === LINE_MARK) {
      k -= 2;
      // A page marker line before it.
      if (text[k] === ">") {
        const open = text.lastIndexOf("<pb:", k);
        if (open > 0 && !text.slice(open, k).includes("\n")) k = open - 1;
      }
      continue;
    }
    return text[k] ?? "";
  }
}

/** The reading character at `at`, past a Kanripo file's layout. */
export function charAt(text: string, at: number): string {
  const k = offsetAt(text, at);
  return k === -1 ? "" : (text[k] ?? "");
}

/** The offset of the reading character at or after `at`, past a Kanripo file's layout (-1 past the end of a broken layout). */
export function offsetAt(text: string, at: number): number {
  let k = at;
  for (;;) {
    if (text[k] === LINE_MARK && (text[k + 1] === "\n" || text[k + 1] === "\r")) {
      k = text.indexOf("\n", k) + 1;
      if (text.startsWith("<pb:", k)) k = text.indexOf("\n", k) + 1;
      if (k === 0) return -1;
      continue;
    }
    return k;
  }
}

/**
 * Up to `count` reading characters from `at`, past a Kanripo file's layout (`瓦橋¶\n以南` reads
 * 以南 after 瓦橋).
 */
export function charsAt(text: string, at: number, count: number): string {
  let out = "";
  let k = at;
  for (let n = 0; n < count; n++) {
    k = offsetAt(text, k);
    if (k === -1 || k >= text.length) break;
    out += text[k];
    k++;
  }
  return out;
}
