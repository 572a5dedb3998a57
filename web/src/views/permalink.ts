/**
 * `#/cite/WORK/JUAN/ENTRY` and `#/cite/FILE/ENTRY`: a permalink of "cite this entry", resolved to
 * the stored document of that work and juan (or file) and opened as the entry's page.
 */
import { api } from "../api.ts";
import { findCited } from "../cite.ts";
import { h, notice, replace } from "../dom.ts";
import { href } from "../router.ts";
import { setTitle, type View } from "../view.ts";
import { entryView } from "./entry.ts";

/** Resolves a permalink and shows the entry it names (the address stays the permalink). */
export const permalinkView: View = async (context) => {
  const segments = context.route.path.slice(1);
  const { results } = await api.documents();
  const found = findCited(results, segments);
  if (!found) {
    setTitle("No such entry");
    replace(
      context.main,
      h("h1", null, "No such entry"),
      notice(
        `No stored chronicle is ${segments.slice(0, -1).join(" 卷")}: ingest it to follow this link.`,
        "error",
      ),
      h("p", null, h("a", { href: href([]) }, "The stored chronicles")),
    );
    return;
  }
  const id = `${found.document.id}:${found.localId}`;
  await entryView({ ...context, route: { path: ["entry", id], params: context.route.params } });
};
