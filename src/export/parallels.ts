/**
 * Parallel accounts in the exchange formats: in TEI, a `linkGrp type="parallel"` per group in the
 * `standOff` of each document that has an account in it, its links pointing at the entries (in
 * this file, `#e13`; in another document's TEI file, `KR2b0019_143.xml#e13`) and what differs
 * between the accounts as `desc` elements (TEI allows descriptions, not notes, in a `linkGrp`);
 * in CSV, one row per account of each group.
 */

import { type CollatedEntry, CSV_COLUMNS, csvRows, groupOut, type ParallelGroup } from "../collate/index.ts";
import { toCsv } from "../text/csv.ts";
import { attributes, element } from "./internal/xml.ts";

/**
 * The `linkGrp` elements of the groups that hold an account of `document`.
 *
 * @param groups parallels found among the exported documents (`findParallels`)
 * @param document the key of the document being written
 * @param fileOf the TEI file another document is written to (`KR2b0019_143.xml`)
 * @example
 * teiParallels(groups, "a.txt", (d) => `${d}.xml`)
 * //=> '<linkGrp type="parallel" cert="0.87"><desc type="difference" subtype="date">…</desc><link target="#e2 b.txt.xml#e13"/></linkGrp>'
 */
export function teiParallels(
  groups: readonly ParallelGroup[],
  document: string,
  fileOf: (document: string) => string,
): string {
  const target = (e: CollatedEntry) =>
    e.document === document
      ? `#${xmlId(e.id)}`
      : `${encodeURI(fileOf(e.document)).replaceAll("#", "%23")}#${xmlId(e.id)}`;
  return groups
    .filter((g) => g.entries.some((e) => e.document === document))
    .map((g) => {
      const descs = g.differences.map((d) =>
        element("desc", { type: "difference", subtype: d.kind }, d.text),
      );
      const link = `<link${attributes({ target: g.entries.map(target).join(" ") })}/>`;
      return `<linkGrp${attributes({ type: "parallel", cert: String(g.score) })}>${descs.join("")}${link}</linkGrp>`;
    })
    .join("\n");
}

/** The id an entry has in its TEI file: its entry id (`e13`), without a store's document prefix. */
function xmlId(id: string): string {
  return id.replace(/^\d+:/u, "");
}

/** The parallels as one CSV table (`parallels.csv`). */
export function parallelsCsv(groups: readonly ParallelGroup[]): string {
  return toCsv(CSV_COLUMNS, csvRows(groups.map(groupOut)));
}
