/** Date attributes of the TEI export: Gregorian and Julian days, concurrent states' labels. */
import { element } from "../internal/xml.ts";
import type { ExportDate } from "../types.ts";
import { CHINESE_CALENDAR_ID, JULIAN_CALENDAR_ID } from "./constants.ts";

/** A date's attributes: Gregorian ISO days, Julian ones as custom dates. */
export function dateAttributes(date: ExportDate | null | undefined): Record<string, string | null> {
  if (!date) return {};
  const { gregorian, julian } = date;
  const one = gregorian.start === gregorian.end;
  return {
    when: one ? gregorian.start : null,
    from: one ? null : gregorian.start,
    to: one ? null : gregorian.end,
    datingMethod: `#${JULIAN_CALENDAR_ID}`,
    "when-custom": one ? julian.start : null,
    "from-custom": one ? null : julian.start,
    "to-custom": one ? null : julian.end,
  };
}

/** Empty `<date type="concurrent">` elements: each state's label for the first day. */
export function concurrentDates(date: ExportDate | null | undefined): string {
  return (date?.concurrent ?? [])
    .map((c) =>
      element(
        "date",
        {
          type: "concurrent",
          subtype: c.state.replace(/\s+/g, "_"),
          datingMethod: `#${CHINESE_CALENDAR_ID}`,
          "when-custom": c.label.replace(/\s+/g, "_"),
        },
        null,
      ),
    )
    .join("");
}
