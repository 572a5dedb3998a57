/**
 * The pieces of the corrections panel (`views/edit.ts`): the kinds and event types a correction
 * names, labelled fields, and where a name the reader types stands in an entry's text.
 */
import { EVENT_TYPES } from "../../src/annotate/types.ts";
import type { ReaderEntry } from "./api.ts";
import { h } from "./dom.ts";
import type { Correction } from "./edits.ts";

export { CORRECTABLE_KINDS as KINDS } from "../../src/store/corrections.ts";
export { EVENT_TYPES };

/** The characters of an entry a reader sees, each with its document offset. */
function visibleChars(entry: ReaderEntry): { text: string; offsets: number[] } {
  const base = entry.position.start.offset;
  const hidden = entry.layout.hidden;
  let text = "";
  const offsets: number[] = [];
  for (let i = 0; i < entry.text.length; i++) {
    const at = base + i;
    if (hidden.some((r) => r.start <= at && at < r.end)) continue;
    text += entry.text[i];
    offsets.push(at);
  }
  return { text, offsets };
}

/**
 * The document span of the `nth` (1-based) occurrence of `chars` in what the reader sees of the
 * entry, or null.
 */
export function spanOf(entry: ReaderEntry, chars: string, nth = 1): { start: number; end: number } | null {
  if (!chars) return null;
  const { text, offsets } = visibleChars(entry);
  let at = -1;
  for (let n = 0; n < nth; n++) {
    at = text.indexOf(chars, at + 1);
    if (at === -1) return null;
  }
  return { start: offsets[at]!, end: offsets[at + chars.length - 1]! + 1 };
}

export function field(label: string, control: HTMLElement): HTMLElement {
  return h("label", { class: "edit-field" }, `${label} `, control);
}

export function select(name: string, options: readonly string[], label: string): HTMLSelectElement {
  return h(
    "select",
    { name, attrs: { "aria-label": label } },
    options.map((o) => h("option", { value: o }, o)),
  );
}

export function describe(c: Correction): string {
  const what = c.data.ref
    ? ` → ${c.data.ref}`
    : c.data.type
      ? ` (${c.data.type})`
      : c.data.reading
        ? ` → ${c.data.reading}`
        : "";
  const role = c.target === "role" ? ` ${c.data.role}` : "";
  return `${c.action} ${c.target}${role} 「${c.text}」${what}`;
}
