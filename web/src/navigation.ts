/**
 * Finding one's way: the client of `/api/contents`, `/api/toc` and `/api/goto`, and the "go to
 * 慶曆四年五月" form the home page and the table of contents share.
 */
import type { GotoResult, TocYear, WorkContents } from "../../src/server/routes/navigation.ts";
import { ApiError, getJson } from "./api.ts";
import { h, replace } from "./dom.ts";
import { href } from "./router.ts";

export type { GotoResult, TocMonth, TocYear, WorkContents } from "../../src/server/routes/navigation.ts";

/** Which documents a table of contents or a "go to" covers. */
export interface Scope {
  document?: number | undefined;
  work?: string | undefined;
}

/** The endpoints of navigation. */
export const navigationApi = {
  contents: () => getJson<{ works: WorkContents[] }>("/api/contents"),
  toc: (scope: Scope) => getJson<{ years: TocYear[] }>("/api/toc", { ...scope }),
  goto: (date: string, scope: Scope) => getJson<GotoResult>("/api/goto", { date, ...scope }),
};

/**
 * The reader's URL of an entry (`3:e12` → `#/read/3?at=e12`).
 *
 * @example
 * readerHref("3:e12") //=> "#/read/3?at=e12"
 */
export function readerHref(entryId: string): string {
  const at = entryId.indexOf(":");
  return href(["read", entryId.slice(0, at)], { at: entryId.slice(at + 1) });
}

/**
 * A form that reads an era date (`慶曆四年五月`, `慶厯四年閏五月`, `遼重熙十三年`) and opens the reader
 * at the first entry on or after it, within `scope`; what the server says about a date it cannot
 * read (an unknown era, a day the month lacks) is shown beside the box.
 */
export function gotoForm(scope: Scope, label = "Go to a date"): HTMLFormElement {
  const id = `goto-${scope.document ?? scope.work ?? "all"}`;
  const input = h("input", {
    id,
    name: "date",
    type: "text",
    attrs: {
      placeholder: "慶曆四年五月",
      autocomplete: "off",
      lang: "zh-Hant",
      "aria-describedby": `${id}-message`,
      required: true,
      maxlength: 40,
    },
  });
  const message = h("p", { id: `${id}-message`, class: "goto-message", attrs: { "aria-live": "polite" } });
  const form = h(
    "form",
    { class: "goto", role: "search", attrs: { "aria-label": label } },
    h("label", { for: id }, label),
    " ",
    input,
    " ",
    h("button", { type: "submit" }, "Go"),
    message,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const date = input.value.trim();
    if (!date) return;
    replace(message, "…");
    message.classList.remove("error");
    navigationApi.goto(date, scope).then(
      (result) => {
        replace(message);
        location.hash = readerHref(result.entry.id);
      },
      (error: unknown) => {
        message.classList.add("error");
        message.setAttribute("role", "alert");
        replace(message, error instanceof ApiError ? error.message : String(error));
      },
    );
  });
  return form;
}
