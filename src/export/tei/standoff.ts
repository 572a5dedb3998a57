/** The TEI `standOff`: events read from the entries. */
import { toXmlId } from "../internal/ids.ts";
import { type EntryView, roleValues } from "../internal/view.ts";
import { attributes, element } from "../internal/xml.ts";
import type { EntityRecord, ExportEvent } from "../types.ts";
import { MENTION_ELEMENTS } from "./constants.ts";
import { dateAttributes } from "./dates.ts";

/** An event in `standOff`: its type, the entry it is read from, its date, and a label per role value. */
export function eventElement(
  view: EntryView,
  event: ExportEvent,
  index: number,
  entities: Map<string, EntityRecord>,
): string {
  const labels: string[] = [element("label", { type: "event" }, event.type)];
  for (const [role, value] of Object.entries(event.roles)) {
    const list = typeof value !== "string";
    roleValues(value).forEach((v, i) => {
      const entity = entities.get(v);
      const attrs = { type: "role", subtype: role.replace(/\s+/g, "_"), n: list ? i + 1 : null };
      if (entity) {
        const name = MENTION_ELEMENTS[entity.kind] ?? "name";
        const inner = element(
          name,
          { type: MENTION_ELEMENTS[entity.kind] ? null : entity.kind, ref: `#${toXmlId(entity.id)}` },
          entity.name,
        );
        labels.push(`<label${attributes(attrs)}>${inner}</label>`);
      } else labels.push(element("label", attrs, v));
    });
  }
  const rule = event.rule === null ? "" : element("note", { type: "rule" }, event.rule);
  const attrs = {
    "xml:id": `${view.entry.id}.ev${index + 1}`,
    type: event.type.replace(/\s+/g, "_"),
    corresp: `#${view.entry.id}`,
    ...dateAttributes(view.date),
  };
  return `<event${attributes(attrs)}>${labels.join("")}${rule}</event>`;
}
