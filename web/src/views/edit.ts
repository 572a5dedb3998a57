/**
 * The corrections of an entry, on its page: unlink, relink or link a name (person, place,
 * polity, office), remove an event or one of its roles or add one, read the date otherwise, and
 * undo any of it; each correction listed with who made it, when and why. A name is found by its
 * characters as the reader sees them (the edition's markup left out), so that its span is the
 * document's own.
 */
import { ApiError, type ReaderEntry, type WebMention } from "../api.ts";
import { h, replace } from "../dom.ts";
import { describe, EVENT_TYPES, field, KINDS, select, spanOf } from "../edit-parts.ts";
import { credentials, editPolicy, entryCorrections, postJson, setCredentials } from "../edits.ts";

/**
 * The corrections panel of an entry. It loads what the server allows and the entry's corrections
 * itself; after each write it calls `changed` (which renders the entry again).
 */
export function correctionsPanel(entry: ReaderEntry, changed: () => void): HTMLElement {
  const panel = h("section", { class: "corrections", attrs: { "aria-labelledby": "corrections-title" } });
  const status = h("p", { class: "edit-status", role: "status" });
  void fill(panel, status, entry, changed).catch((error: Error) => {
    replace(
      panel,
      h("h2", { id: "corrections-title" }, "Corrections"),
      h("p", { class: "notice error" }, error.message),
    );
  });
  return panel;
}

async function fill(
  panel: HTMLElement,
  status: HTMLElement,
  entry: ReaderEntry,
  changed: () => void,
): Promise<void> {
  const [policy, corrections] = await Promise.all([editPolicy(), entryCorrections(entry.id)]);
  const title = h("h2", { id: "corrections-title" }, "Corrections");
  const list = h(
    "ol",
    { class: "correction-list" },
    corrections.map((c) =>
      h(
        "li",
        { class: `correction correction-${c.status}`, attrs: { "data-correction": c.id } },
        h("span", { lang: "zh-Hant" }, describe(c)),
        h(
          "span",
          { class: "meta" },
          ` — ${c.author}, ${c.createdAt.slice(0, 16).replace("T", " ")}${c.reason ? `: ${c.reason}` : ""} [${c.status}${c.undoneBy ? ` by ${c.undoneBy}` : ""}]`,
        ),
        policy.allowed && c.status !== "undone"
          ? h(
              "button",
              {
                type: "button",
                attrs: { "aria-label": `Undo correction ${c.id}` },
                on: { click: () => write(`/api/corrections/${c.id}/undo`, {}, `Correction ${c.id} undone`) },
              },
              "Undo",
            )
          : null,
      ),
    ),
  );
  if (!policy.allowed) {
    replace(
      panel,
      title,
      corrections.length ? list : null,
      h("p", { class: "meta" }, policy.refusal ?? "This server is read-only."),
    );
    return;
  }
  const saved = credentials();
  const reason = h("input", { name: "reason", type: "text", attrs: { "aria-label": "Why" } });
  const token = h("input", {
    name: "token",
    type: "password",
    value: saved.token,
    attrs: { "aria-label": "Edit token" },
  });
  const author = h("input", {
    name: "author",
    type: "text",
    value: saved.author,
    attrs: { "aria-label": "Your name" },
  });

  async function write(path: string, body: object, done: string): Promise<void> {
    if (policy.token) setCredentials(token.value.trim(), author.value.trim());
    status.textContent = "Saving…";
    try {
      const extra = policy.token && author.value.trim() ? { author: author.value.trim() } : {};
      await postJson(path, path === "/api/corrections" ? { ...body, ...extra, reason: reason.value } : body);
      status.textContent = done;
      changed();
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.message : (error as Error).message;
      status.classList.add("error");
    }
  }
  const correct = (body: object, done: string) =>
    write("/api/corrections", { document: entry.documentId, ...body }, done);

  const mentions = entry.mentions.filter(
    (m): m is WebMention & { ref: string } =>
      (KINDS as readonly string[]).includes(m.kind) && typeof m.ref === "string",
  );
  const mentionItems = mentions.map((m) => {
    const kind = select("kind", KINDS, `Kind for ${m.text}`);
    kind.value = m.kind;
    const ref = h("input", {
      name: "ref",
      type: "text",
      value: m.ref,
      attrs: { "aria-label": `Entity id for ${m.text}` },
    });
    return h(
      "li",
      { attrs: { "data-start": m.start } },
      h("span", { lang: "zh-Hant" }, m.text),
      h("span", { class: "meta" }, ` ${m.kind} ${m.ref} `),
      h(
        "button",
        {
          type: "button",
          attrs: { "aria-label": `Unlink ${m.text} at ${m.start}` },
          on: {
            click: () =>
              correct(
                { target: "mention", action: "remove", start: m.start, end: m.end },
                `${m.text} unlinked`,
              ),
          },
        },
        "Unlink",
      ),
      h(
        "details",
        { class: "relink" },
        h("summary", null, "Relink"),
        kind,
        ref,
        h(
          "button",
          {
            type: "button",
            attrs: { "aria-label": `Relink ${m.text} at ${m.start}` },
            on: {
              click: () =>
                correct(
                  {
                    target: "mention",
                    action: "change",
                    start: m.start,
                    end: m.end,
                    kind: kind.value,
                    ref: ref.value.trim(),
                  },
                  `${m.text} relinked`,
                ),
            },
          },
          "Save",
        ),
      ),
    );
  });

  // Linking a name the annotator missed.
  const chars = h("input", {
    name: "chars",
    type: "text",
    attrs: { "aria-label": "Characters" },
    lang: "zh-Hant",
  });
  const nth = h("input", {
    name: "nth",
    type: "number",
    value: "1",
    attrs: { "aria-label": "Occurrence", min: 1 },
  });
  const addKind = select("kind", KINDS, "Kind");
  const addRef = h("input", { name: "ref", type: "text", attrs: { "aria-label": "Entity id" } });
  const link = () => {
    const span = spanOf(entry, chars.value.trim(), Number(nth.value) || 1);
    if (!span) {
      status.textContent = `「${chars.value}」 is not in this entry`;
      return;
    }
    void correct(
      { target: "mention", action: "add", ...span, kind: addKind.value, ref: addRef.value.trim() },
      `${chars.value} linked`,
    );
  };

  const eventItems = entry.events.map((e, i) =>
    h(
      "li",
      null,
      h("span", null, `${e.type} `),
      h(
        "span",
        { lang: "zh-Hant", class: "meta" },
        `「${e.text.slice(0, 24)}${e.text.length > 24 ? "…" : ""}」 `,
      ),
      h(
        "button",
        {
          type: "button",
          attrs: { "aria-label": `Remove event ${i + 1} (${e.type})` },
          on: {
            click: () =>
              correct(
                { target: "event", action: "remove", start: e.start, end: e.end, type: e.type },
                `${e.type} removed`,
              ),
          },
        },
        "Remove",
      ),
      h(
        "ul",
        null,
        Object.entries(e.roles).flatMap(([role, values]) =>
          values
            .filter((v) => v.start !== null && v.end !== null)
            .map((v) =>
              h(
                "li",
                null,
                `${role}: `,
                h("span", { lang: "zh-Hant" }, v.text),
                h(
                  "button",
                  {
                    type: "button",
                    attrs: { "aria-label": `Remove role ${role} ${v.text} of event ${i + 1}` },
                    on: {
                      click: () =>
                        correct(
                          {
                            target: "role",
                            action: "remove",
                            start: v.start,
                            end: v.end,
                            role,
                            type: e.type,
                            event: { start: e.start, end: e.end },
                          },
                          `${role} removed`,
                        ),
                    },
                  },
                  "Remove",
                ),
              ),
            ),
        ),
      ),
    ),
  );

  // An event the annotator missed: its type and the clause that tells it.
  const eventType = select("type", EVENT_TYPES, "Event type");
  const clause = h("input", {
    name: "clause",
    type: "text",
    attrs: { "aria-label": "Clause" },
    lang: "zh-Hant",
  });
  const addEvent = () => {
    const span = spanOf(entry, clause.value.trim());
    if (!span) {
      status.textContent = `「${clause.value}」 is not in this entry`;
      return;
    }
    void correct(
      { target: "event", action: "add", ...span, type: eventType.value },
      `${eventType.value} added`,
    );
  };

  const reading = h("input", {
    name: "reading",
    type: "text",
    attrs: { "aria-label": "Read the date as" },
    lang: "zh-Hant",
  });
  const readDate = () => {
    const start = entry.position.start.offset;
    void correct(
      { target: "date", action: "change", start, end: start + 1, reading: reading.value.trim() },
      "Date read otherwise",
    );
  };

  replace(
    panel,
    title,
    corrections.length ? list : h("p", { class: "meta" }, "No corrections yet."),
    h(
      "p",
      { class: "meta" },
      policy.token
        ? "Writes need this server's token."
        : `Corrections are made as ${policy.user ?? "the local user"}.`,
    ),
    policy.token ? h("p", null, field("Edit token", token), " ", field("Your name", author)) : null,
    h("p", null, field("Why", reason)),
    h("h3", null, "Names"),
    h("ul", { class: "edit-mentions" }, mentionItems),
    h(
      "p",
      { class: "edit-add" },
      field("Characters", chars),
      " ",
      field("Occurrence", nth),
      " ",
      addKind,
      " ",
      field("Entity id", addRef),
      " ",
      h("button", { type: "button", on: { click: link } }, "Link"),
    ),
    h("h3", null, "Events"),
    entry.events.length ? h("ul", { class: "edit-events" }, eventItems) : null,
    h(
      "p",
      { class: "edit-add" },
      eventType,
      " ",
      field("Clause", clause),
      " ",
      h("button", { type: "button", on: { click: addEvent } }, "Add event"),
    ),
    h("h3", null, "Date"),
    h(
      "p",
      null,
      field("Read the date as", reading),
      " ",
      h("button", { type: "button", on: { click: readDate } }, "Correct the date"),
    ),
    status,
  );
}
