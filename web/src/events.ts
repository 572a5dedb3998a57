/**
 * An entry's events as a historian reads them: each event once, with its type, its participants
 * by role (who, as what: envoy 耶律敵烈, sender 契丹) and what changed hands (絹十萬匹、茶三萬斤),
 * linked to the entities and to a search for the type.
 */
import type { ChronicleEvent, Mention } from "./api.ts";
import { h } from "./dom.ts";
import { rareText } from "./glyphs.ts";
import { EVENT_COLORS } from "./palette.ts";
import { href } from "./router.ts";

/** Roles in the order a reader asks about them; others follow in the order given. */
const ROLE_ORDER = [
  "sender",
  "envoy",
  "receiver",
  "giver",
  "grantor",
  "recipient",
  "appointer",
  "person",
  "who",
  "attacker",
  "defender",
  "victor",
  "parties",
  "builder",
  "by",
  "from",
  "to",
  "target",
  "place",
  "office",
  "title",
  "what",
  "items",
  "captured",
  "purpose",
  "outcome",
  "status",
];

/** A key that is the same for two events that say the same thing. */
function eventKey(event: ChronicleEvent): string {
  const roles = Object.entries(event.roles)
    .map(([role, list]) => `${role}=${list.map((r) => r.ref ?? r.text).join(",")}`)
    .sort();
  return `${event.type}|${roles.join(";")}`;
}

/** The event's roles, ordered. */
function orderedRoles(event: ChronicleEvent): [string, ChronicleEvent["roles"][string]][] {
  const rank = (role: string) => {
    const i = ROLE_ORDER.indexOf(role);
    return i === -1 ? ROLE_ORDER.length : i;
  };
  return Object.entries(event.roles)
    .filter(([, list]) => list.length > 0)
    .sort((a, b) => rank(a[0]) - rank(b[0]));
}

/** The amounts counted within the event's clause (`絹十萬匹`) that its roles do not already hold. */
function quantities(event: ChronicleEvent, mentions: readonly Mention[]): string[] {
  const named = Object.values(event.roles).flatMap((list) => list.map((r) => r.text));
  return mentions
    .filter((m) => m.kind === "quantity" && m.start >= event.start && m.end <= event.end)
    .map((m) => m.text)
    .filter((text) => !named.some((n) => n.includes(text)));
}

/** One participant: a link to its entity, or its text. */
function participant(role: ChronicleEvent["roles"][string][number]): HTMLElement {
  // a participant the text leaves implicit (the chronicle's own state as receiver) says so
  const text = role.start === null && role.ref ? `${role.text} (implied)` : role.text;
  return role.ref && !role.ref.startsWith("person:provisional:")
    ? h("a", { href: href(["entity", role.ref]), lang: "zh-Hant", title: role.ref }, rareText(text))
    : h("span", { lang: "zh-Hant" }, rareText(text));
}

/**
 * The list of an entry's events, duplicates (same type and participants) shown once.
 *
 * @example
 * eventList(entry.events, entry.mentions).querySelectorAll("li").length //=> 2
 */
export function eventList(events: readonly ChronicleEvent[], mentions: readonly Mention[]): HTMLElement {
  const seen = new Set<string>();
  const unique = events.filter((e) => {
    const key = eventKey(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return h(
    "div",
    { class: "events" },
    h("h3", { class: "events-title" }, unique.length === 1 ? "Event" : `Events (${unique.length})`),
    h(
      "ul",
      { class: "event-list" },
      unique.map((event) => {
        const counted = quantities(event, mentions);
        const type = h(
          "a",
          { href: href(["search"], { event: event.type }), class: `event-type event-${event.type}` },
          event.type,
        );
        type.style.setProperty("--event-color", EVENT_COLORS[event.type] ?? "#718096");
        return h(
          "li",
          { class: "event", attrs: { "data-type": event.type } },
          type,
          h(
            "dl",
            { class: "event-roles" },
            orderedRoles(event).map(([role, list]) =>
              h(
                "div",
                { class: "event-role", attrs: { "data-role": role } },
                h("dt", null, role),
                h(
                  "dd",
                  null,
                  list.map((r, i) => [i ? "、" : "", participant(r)]),
                ),
              ),
            ),
            counted.length
              ? h(
                  "div",
                  { class: "event-role", attrs: { "data-role": "quantities" } },
                  h("dt", null, "quantities"),
                  h("dd", { lang: "zh-Hant" }, rareText(counted.join("、"))),
                )
              : null,
          ),
        );
      }),
    ),
  );
}
