/**
 * The TEI change log of a document's corrected annotations: each reader who corrected them as a
 * `<respStmt>` of the title statement, each correction as a `<change>` of `<revisionDesc>` with
 * its time (`@when`), its author (`@who`), its status and what it did, most recent first.
 */
import { attributes, element, escapeText } from "../internal/xml.ts";
import type { ExportCorrection } from "../types.ts";

/** What a correction did, in a sentence. */
function describe(c: ExportCorrection): string {
  const span = `「${c.text}」 (${c.start}–${c.end})`;
  const names = c.data.ref ? ` as ${c.data.kind ?? "entity"} ${c.data.ref}` : "";
  switch (c.target) {
    case "mention":
      if (c.action === "remove") return `removed the mention ${span}`;
      return `${c.action === "add" ? "added" : "changed"} the mention ${span}${names}`;
    case "event":
      return `${c.action === "add" ? "added" : c.action === "remove" ? "removed" : "changed"} the ${c.data.type ?? ""} event ${span}`;
    case "role":
      return `${c.action === "add" ? "added" : "removed"} the role ${c.data.role ?? ""} ${span}${names}`;
    default:
      return `read the date ${span} as ${c.data.reading ?? ""}`;
  }
}

/**
 * The `<respStmt>` elements (for `<titleStmt>`) and the `<revisionDesc>` of the corrections, or
 * empty strings when there are none.
 */
export function changeLog(corrections: readonly ExportCorrection[]): { resp: string; revisions: string } {
  if (corrections.length === 0) return { resp: "", revisions: "" };
  const ids = new Map<string, string>();
  for (const c of corrections) {
    for (const who of [c.author, c.undoneBy])
      if (who && !ids.has(who)) ids.set(who, `corrector-${ids.size + 1}`);
  }
  const resp = [...ids]
    .map(
      ([name, id]) =>
        `<respStmt${attributes({ "xml:id": id })}><resp xml:lang="en">corrected the annotations</resp>${element("name", {}, name)}</respStmt>`,
    )
    .join("");
  const changes: { when: string; xml: string }[] = [];
  for (const c of corrections) {
    const reason = c.reason ? `: ${escapeText(c.reason)}` : "";
    const status = c.status === "undone" ? "applied" : c.status;
    changes.push({
      when: c.createdAt,
      xml: `<change${attributes({ when: c.createdAt, who: `#${ids.get(c.author)}`, status, n: String(c.id) })}>Correction ${c.id}: ${escapeText(describe(c))}${reason}</change>`,
    });
    if (c.undoneAt && c.undoneBy)
      changes.push({
        when: c.undoneAt,
        xml: `<change${attributes({ when: c.undoneAt, who: `#${ids.get(c.undoneBy)}`, status: "undone" })}>Correction ${c.id} undone</change>`,
      });
  }
  // Most recent first; of two at the same time, the one made later (an undoing after its correction).
  const order = changes.map((c, i) => ({ ...c, i }));
  order.sort((a, b) => (a.when < b.when ? 1 : a.when > b.when ? -1 : b.i - a.i));
  return {
    resp,
    revisions: `\n    <revisionDesc xml:lang="en">\n      <listChange>${order.map((c) => c.xml).join("")}</listChange>\n    </revisionDesc>`,
  };
}
