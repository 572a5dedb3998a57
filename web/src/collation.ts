/**
 * Collation (考異) in the views: the other accounts of an entry's event set side by side with it,
 * what differs between them marked in each account's text, and the passages an entry's citations
 * resolve to. Everything the API returns is corpus text and becomes text nodes only.
 */
import {
  api,
  type CitedPassage,
  type Difference,
  type EntryCitations,
  type ParallelGroupOut,
} from "./api.ts";
import { type Child, h, notice, replace } from "./dom.ts";
import { chineseNumber } from "./format.ts";
import { href } from "./router.ts";

/** What a character of an account is marked as: a differing quantity or name, or other wording. */
type DiffMark = "quantity" | "name" | "wording";

/** Characters never marked as wording: punctuation and spaces (one chronicle punctuates, another not). */
const UNMARKED = /[\s\p{P}\p{S}]/u;
/** Texts compared character by character only up to this many characters each (longer: only names and quantities). */
const MAX_COMPARED = 600;
/** An account this many times longer than another is not compared with it character by character. */
const MAX_RATIO = 3;
/** An account's text longer than this is shown folded, with a button to show it all. */
const FOLDED = 280;

/**
 * Which characters of `a` a longest common subsequence with `b` keeps: those the two accounts
 * share in the same order.
 *
 * @example
 * sharedCharacters("宋以親征夏國", "宋以契丹主親征夏國") //=> [true, true, true, true, true, true]
 */
export function sharedCharacters(a: string, b: string): boolean[] {
  const x = [...a];
  const y = [...b];
  const n = x.length;
  const m = y.length;
  const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i]![j] =
        x[i] === y[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const shared = new Array<boolean>(n).fill(false);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      shared[i] = true;
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return shared;
}

/** Whether two texts are worth comparing character by character. */
function comparable(a: string, b: string): boolean {
  const [n, m] = [[...a].length, [...b].length];
  return n <= MAX_COMPARED && m <= MAX_COMPARED && Math.max(n, m) <= MAX_RATIO * Math.max(1, Math.min(n, m));
}

/**
 * The marks of each character of an account's text: the spellings and amounts a difference gives
 * for it (found in its text), and — against the other accounts — the characters it alone has.
 *
 * @param text the account's text
 * @param own the values the differences give for this account
 * @param others the other accounts' texts
 */
export function diffMarks(
  text: string,
  own: readonly { kind: DiffMark; value: string }[],
  others: readonly string[],
): (DiffMark | null)[] {
  const chars = [...text];
  const marks = new Array<DiffMark | null>(chars.length).fill(null);
  const compared = others.filter((o) => comparable(text, o));
  if (compared.length) {
    const shared = compared.map((o) => sharedCharacters(text, o));
    chars.forEach((c, i) => {
      if (!UNMARKED.test(c) && shared.every((s) => !s[i])) marks[i] = "wording";
    });
  }
  // Offsets in code points: a value found in the text marks its characters.
  for (const { kind, value } of own) {
    const needle = [...value];
    if (!needle.length) continue;
    for (let i = 0; i + needle.length <= chars.length; i++) {
      if (needle.every((c, k) => chars[i + k] === c)) {
        for (let k = 0; k < needle.length; k++) marks[i + k] = kind;
        i += needle.length - 1;
      }
    }
  }
  return marks;
}

const MARK_TITLES: Record<DiffMark, string> = {
  quantity: "a quantity the accounts give differently",
  name: "a name the accounts write differently",
  wording: "wording the other accounts do not share",
};

/** A text with its marked characters wrapped in `<mark class="diff diff-…">`. */
export function markedText(text: string, marks: readonly (DiffMark | null)[]): Child[] {
  const chars = [...text];
  const out: Child[] = [];
  let i = 0;
  while (i < chars.length) {
    const kind = marks[i] ?? null;
    let j = i + 1;
    while (j < chars.length && (marks[j] ?? null) === kind) j++;
    const run = chars.slice(i, j).join("");
    out.push(
      kind
        ? h(
            "mark",
            { class: `diff diff-${kind}`, title: MARK_TITLES[kind], attrs: { "data-diff": kind } },
            run,
          )
        : run,
    );
    i = j;
  }
  return out;
}

/** A long text folded to a few lines, with a button that shows it all. */
function foldable(body: HTMLElement, length: number): HTMLElement[] {
  if (length <= FOLDED) return [body];
  body.classList.add("folded");
  const button = h(
    "button",
    { type: "button", class: "unfold", attrs: { "aria-expanded": "false" } },
    `Show all ${length.toLocaleString("en")} characters`,
  );
  button.addEventListener("click", () => {
    const folded = body.classList.toggle("folded");
    button.setAttribute("aria-expanded", String(!folded));
    button.textContent = folded ? `Show all ${length.toLocaleString("en")} characters` : "Fold";
  });
  return [body, button];
}

/** The values a group's differences give for each of its accounts, as text to find in it. */
function valuesOf(differences: readonly Difference[], index: number): { kind: DiffMark; value: string }[] {
  const out: { kind: DiffMark; value: string }[] = [];
  for (const d of differences) {
    if (d.kind !== "quantity" && d.kind !== "name") continue;
    for (const value of (d.values[index] ?? "").split("、")) if (value) out.push({ kind: d.kind, value });
  }
  return out;
}

/** What a difference says, with "known aliases" where the spellings are known to name one person or place. */
function differenceItem(d: Difference): HTMLElement {
  const names = d.values.filter((v): v is string => v !== null);
  return h(
    "li",
    { class: `difference difference-${d.kind}`, attrs: { "data-kind": d.kind } },
    h("span", { class: `diff-kind diff-kind-${d.kind}` }, d.kind),
    " ",
    d.kind === "name"
      ? [
          h("span", { lang: "zh-Hant" }, names.join(" against ")),
          d.knownAliases === undefined
            ? null
            : h(
                "span",
                { class: d.knownAliases ? "aliases known" : "aliases" },
                d.knownAliases ? " known aliases" : " not known as aliases",
              ),
        ]
      : h("span", { lang: "zh-Hant" }, d.text),
  );
}

/**
 * Whether an account's dates differ from another's: their days do not overlap (a month that holds
 * another account's day agrees with it).
 */
function datesApart(group: ParallelGroupOut, index: number): boolean {
  const mine = group.entries[index]!.julian;
  return group.entries.some((other, k) => {
    if (k === index) return false;
    if (!mine || !other.julian) return true;
    return mine.end < other.julian.start || other.julian.end < mine.start;
  });
}

/** Who reads a number 0–1 as a score: `0.83`. */
function score(value: number): string {
  return value.toFixed(2);
}

/**
 * One group of accounts side by side: the entry first, each account with its chronicle, its date
 * as written and its text, what differs marked in each, and the differences listed below.
 */
export function accountsGroup(group: ParallelGroupOut, entryId: string): HTMLElement {
  const order = group.entries.map((_, i) => i);
  const anchor = order.findIndex((i) => group.entries[i]!.id === entryId);
  if (anchor > 0) order.unshift(...order.splice(anchor, 1));
  const dateDiffers = group.differences.find((d) => d.kind === "date");
  const texts = group.entries.map((e) => e.headline);
  return h(
    "div",
    { class: "account-group", attrs: { "data-score": group.score } },
    h(
      "p",
      { class: "group-score meta" },
      h("span", { class: "score", title: "how surely these accounts tell one event, from 0 to 1" }, [
        "score ",
        h("strong", null, score(group.score)),
      ]),
      ` — date ${score(group.signals.date)} · names ${score(group.signals.names)} · event ${score(group.signals.events)} · wording ${score(group.signals.text)}`,
    ),
    h(
      "div",
      { class: "accounts", attrs: { "data-count": group.entries.length } },
      order.map((i) => {
        const e = group.entries[i]!;
        const mine = e.id === entryId;
        const differs = dateDiffers !== undefined && datesApart(group, i);
        const localId = e.id.slice(e.id.indexOf(":") + 1);
        const marks = diffMarks(
          e.headline,
          valuesOf(group.differences, i),
          texts.filter((_, k) => k !== i),
        );
        const body = h("p", { class: "account-text", lang: "zh-Hant" }, markedText(e.headline, marks));
        return h(
          "article",
          { class: mine ? "account this-entry" : "account", attrs: { "data-entry": e.id } },
          h(
            "h3",
            { class: "account-source", lang: "zh-Hant" },
            mine ? e.documentTitle : h("a", { href: href(["entry", e.id]) }, e.documentTitle),
            mine ? h("span", { class: "this-label", lang: "en" }, " this entry") : null,
          ),
          h(
            "p",
            { class: "account-date" },
            h(
              "span",
              {
                class: differs ? "written differs" : "written",
                lang: "zh-Hant",
                title: differs ? `${dateDiffers.values[i] ?? ""}: the dates differ` : undefined,
                attrs: { "data-differs": differs ? "date" : null },
              },
              e.date ?? "undated",
            ),
            e.julian
              ? h(
                  "span",
                  { class: "ce" },
                  ` Jul. ${e.julian.start === e.julian.end ? e.julian.start : `${e.julian.start} – ${e.julian.end}`}`,
                )
              : null,
          ),
          ...foldable(body, [...e.headline].length),
          mine
            ? null
            : h(
                "p",
                { class: "account-links" },
                h("a", { href: href(["entry", e.id]) }, `§ ${e.id}`),
                h("a", { href: href(["read", e.document], { at: localId }) }, "in the chronicle"),
              ),
        );
      }),
    ),
    group.differences.length
      ? [
          h(
            "ul",
            { class: "differences", attrs: { "aria-label": "What differs" } },
            group.differences.map(differenceItem),
          ),
          h(
            "p",
            { class: "diff-legend meta" },
            "Marked in the texts: ",
            h("mark", { class: "diff diff-quantity" }, "a quantity"),
            " or ",
            h("mark", { class: "diff diff-name" }, "a name"),
            " given otherwise, ",
            h("mark", { class: "diff diff-wording" }, "wording"),
            " the other accounts lack (compared where the texts are of a length), ",
            h("span", { class: "written differs" }, "dates"),
            " that do not overlap.",
          ),
        ]
      : h("p", { class: "meta" }, "The accounts agree: no difference of date, quantity, name or wording."),
  );
}

/**
 * The "Other accounts" panel of an entry: loads its parallels and shows each group.
 *
 * @param entryId the entry
 * @param level the panel's heading level (2 on the entry's page, 3 inside the reader)
 */
export function otherAccountsPanel(entryId: string, level: 2 | 3 = 2): HTMLElement {
  const id = `accounts-${entryId.replace(":", "-")}`;
  const body = h("div", { class: "accounts-body" }, notice("Looking for other accounts…", "loading"));
  const panel = h(
    "section",
    { class: "other-accounts", id, attrs: { "aria-labelledby": `${id}-title`, "aria-busy": "true" } },
    h(level === 2 ? "h2" : "h3", { id: `${id}-title`, class: "panel-title" }, "Other accounts"),
    body,
  );
  api
    .parallels(entryId)
    .then((answer) => {
      replace(
        body,
        answer.groups.length
          ? answer.groups.map((g) => accountsGroup(g, entryId))
          : notice("No other chronicle in the database tells this event, as far as collation can tell."),
      );
    })
    .catch((error: Error) =>
      replace(body, notice(`The other accounts could not be loaded: ${error.message}`, "error")),
    )
    .finally(() => panel.removeAttribute("aria-busy"));
  return panel;
}

/** A citation named as a reader writes it: `《長編》卷一百三十九`, `《宋史·夏國傳》`. */
export function citationLabel(c: { work: string; section: string | null; juan: number | null }): string {
  const work = c.section ? `《${c.work}·${c.section}》` : `《${c.work}》`;
  return c.juan === null ? work : `${work}卷${chineseNumber(c.juan)}`;
}

function passageItem(p: CitedPassage): HTMLElement {
  const localId = p.id.slice(p.id.indexOf(":") + 1);
  const text = p.excerpt ? `…${p.excerpt.text}…` : p.headline;
  const body = h("blockquote", { class: "passage-text", lang: "zh-Hant" }, h("p", null, text));
  return h(
    "li",
    { class: "passage", attrs: { "data-entry": p.id } },
    h(
      "p",
      { class: "passage-head" },
      h("span", { class: "doc-name", lang: "zh-Hant" }, p.documentTitle),
      " ",
      h("span", { class: "written", lang: "zh-Hant" }, p.date ?? "undated"),
      p.julian ? h("span", { class: "meta" }, ` Jul. ${p.julian.start}`) : null,
      h("span", { class: "meta score", title: "how well the passage matches the entry, from 0 to 1" }, [
        " · score ",
        score(p.score),
      ]),
    ),
    ...foldable(body, [...text].length),
    p.excerpt
      ? h(
          "p",
          { class: "meta" },
          `An excerpt: characters ${p.excerpt.start + 1}–${p.excerpt.end} of ${[...p.headline].length}.`,
        )
      : null,
    h(
      "p",
      { class: "passage-links" },
      h("a", { href: href(["read", p.document], { at: localId }) }, "read it in the chronicle"),
      h("a", { href: href(["entry", p.id]) }, `§ ${p.id}`),
    ),
  );
}

/** One resolved citation: the stored juan and its passages, or plainly that the juan is not stored. */
function citedSection(c: EntryCitations["citations"][number]): HTMLElement {
  const label = citationLabel(c.citation);
  return h(
    "section",
    { class: c.stored ? "cited stored" : "cited not-stored", attrs: { "data-stored": String(c.stored) } },
    h("h3", { lang: "zh-Hant" }, label),
    c.stored
      ? h(
          "p",
          { class: "meta" },
          "Stored: ",
          c.documents.map((d, i) => [
            i ? ", " : "",
            h("a", { href: href(["read", d.id]), lang: "zh-Hant" }, d.title),
          ]),
        )
      : h("p", { class: "not-stored-note" }, `${label} is not stored in this database.`),
    c.stored
      ? c.passages.length
        ? h("ol", { class: "passages" }, c.passages.map(passageItem))
        : h("p", { class: "meta" }, "No passage of it tells this entry's event closely enough to be named.")
      : null,
  );
}

/**
 * The passages some citations of an entry resolve to, as a panel to set beside the entry.
 *
 * @param entryId the citing entry
 * @param indexes which of its citations (in its order) to show
 * @param title the citation as written
 * @param close called by the panel's close button
 */
export function citationPanel(
  entryId: string,
  indexes: readonly number[],
  title: string,
  close: () => void,
): HTMLElement {
  const body = h("div", { class: "beside-body" }, notice("Opening the cited passages…", "loading"));
  const closeButton = h(
    "button",
    { type: "button", class: "close", title: "Close", attrs: { "aria-label": "Close the cited passages" } },
    "×",
  );
  closeButton.addEventListener("click", close);
  const aside = h(
    "aside",
    { class: "beside cited-passages", attrs: { "aria-label": `Cited: ${title}`, "aria-busy": "true" } },
    h(
      "header",
      { class: "beside-head" },
      h("h2", { tabindex: -1 }, "Cited ", h("span", { lang: "zh-Hant" }, title)),
      closeButton,
    ),
    body,
  );
  api
    .citations(entryId)
    .then((answer) => {
      const chosen = indexes.map((i) => answer.citations[i]).filter((c) => c !== undefined);
      replace(
        body,
        chosen.length ? chosen.map(citedSection) : notice("This citation could not be resolved."),
      );
    })
    .catch((error: Error) =>
      replace(body, notice(`The citation could not be resolved: ${error.message}`, "error")),
    )
    .finally(() => aside.removeAttribute("aria-busy"));
  return aside;
}
