/** One entry on its own page: the permanent link `#/entry/1:e13`. */
import { ApiError, api, fullEntry } from "../api.ts";
import { entryArticle } from "../article.ts";
import { citePanel } from "../cite.ts";
import { otherAccountsPanel } from "../collation.ts";
import { h, notice, replace } from "../dom.ts";
import { headlineTitle } from "../entry-text.ts";
import { documentTitle } from "../format.ts";
import { highlightKey, rovingTabStop } from "../reading-aids.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";
import { correctionsPanel } from "./edit.ts";

/** `#/entry/1:e13`: one entry in full. */
export const entryView: View = async (context) => {
  const { route, main, signal } = context;
  const id = route.path[1] ?? "";
  let entry: Awaited<ReturnType<typeof fullEntry>>;
  try {
    entry = await fullEntry(id);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
      setTitle("No such entry");
      replace(main, h("h1", null, "No such entry"), notice(error.message, "error"));
      return;
    }
    throw error;
  }
  const headline = headlineTitle(entry);
  setTitle(`${headline.slice(0, 24)} (${entry.id})`);
  const document = (await api.documents()).results.find((d) => d.id === entry.documentId);
  // names of entities (an amount's commodity is no entity of its own)
  const mentions = entry.mentions.filter((m) => m.ref && m.kind !== "quantity");
  const article = entryArticle(entry, { citations: true });
  const body = article.querySelector<HTMLElement>(".entry-body");
  if (body) rovingTabStop(body, signal);
  replace(
    main,
    h(
      "p",
      { class: "breadcrumb" },
      h(
        "a",
        {
          href: href(["read", entry.documentId], { at: entry.localId }),
          lang: document?.title ? "zh-Hant" : undefined,
          title: "This entry in its chronicle",
        },
        `← ${document ? documentTitle(document) : "in the chronicle"}`,
      ),
      " · ",
      h("span", { lang: "zh-Hant" }, entry.year.label ?? ""),
    ),
    h("h1", { class: "entry-title", lang: "zh-Hant" }, headline),
    highlightKey(),
    article,
    document ? citePanel(entry, document) : null,
    otherAccountsPanel(entry.id),
    correctionsPanel(entry, () => void entryView(context)),
    mentions.length
      ? h(
          "section",
          { class: "mentions" },
          h("h2", null, "Named in this entry"),
          h(
            "ul",
            { class: "inline-list" },
            [...new Map(mentions.map((m) => [m.ref, m])).values()].map((m) =>
              h(
                "li",
                null,
                h(
                  "a",
                  { class: `mention mention-${m.kind}`, href: href(["entity", m.ref!]), lang: "zh-Hant" },
                  m.text,
                ),
                h("span", { class: "meta" }, ` ${m.kind}`),
              ),
            ),
          ),
        )
      : null,
  );
};
