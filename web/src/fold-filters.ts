/**
 * Filters that fold away on a narrow screen: a button in the fieldset's legend shows and hides
 * them (the stylesheet hides the button, and never folds them, on a wide screen). They start open
 * when one of them is in use.
 */
import { h } from "./dom.ts";

let folds = 0;

/** Adds the fold to a fieldset of filters. */
export function foldFilters(fieldset: HTMLFieldSetElement | null): void {
  if (!fieldset) return;
  const fields = [...fieldset.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")];
  const inUse = fields.some((f) => f.value.trim() !== "");
  const id = fieldset.id || `filters-${++folds}`;
  fieldset.id = id;
  const toggle = h(
    "button",
    {
      type: "button",
      class: "filters-toggle",
      attrs: { "aria-controls": id, "aria-expanded": String(inUse) },
    },
    inUse ? "hide" : "show",
  );
  const set = (open: boolean) => {
    fieldset.classList.toggle("folded", !open);
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? "hide" : "show";
  };
  toggle.addEventListener("click", () => set(fieldset.classList.contains("folded")));
  const legend = fieldset.querySelector("legend");
  if (legend) legend.append(" ", toggle);
  else fieldset.prepend(toggle);
  set(inUse);
}
