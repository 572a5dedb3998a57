/**
 * The tokens of the tagged text: each mention of a sentence becomes one character of the Private
 * Use Area standing for its kind, and the patterns of the rule table name them by placeholders
 * (`{P}` a person, `{L}` a place, `{S}` a polity, `{O}` an office, `{Q}` a quantity, and the
 * compound ones below).
 */
import type { Mention } from "../types.ts";

/** The token that stands for a mention of each kind in the tagged text. */
export const TOKENS = {
  person: "\uE000",
  place: "\uE001",
  polity: "\uE002",
  office: "\uE003",
  quantity: "\uE004",
} as const;
const TOKEN_KIND = new Map<string, keyof typeof TOKENS>(
  Object.entries(TOKENS).map(([kind, token]) => [token, kind as keyof typeof TOKENS]),
);

/** Placeholders of the pattern table. */
export const PLACEHOLDERS: Record<string, string> = {
  P: TOKENS.person,
  L: TOKENS.place,
  S: TOKENS.polity,
  O: TOKENS.office,
  Q: TOKENS.quantity,
  /** An actor: a person or a polity. */
  A: `[${TOKENS.person}${TOKENS.polity}]`,
  /**
   * An actor opening a clause (not the object of a verb before it: `如宋上誓表`). The look back
   * comes after the token, so that a pattern opens with a plain class, which is much quicker to
   * search for than a look back.
   */
  Subj: `[${TOKENS.person}${TOKENS.polity}](?<=(?:^|[，。；：「」時初是故又乃遂而])[${TOKENS.person}${TOKENS.polity}])`,
  /** Persons, each with any offices before it, joined by 、, 與 or 及: `ＯＰ、ＯＰ與Ｐ`. */
  Ps: `(?:${TOKENS.office}、?)*${TOKENS.person}(?:假${TOKENS.office})?(?:[、與及](?:${TOKENS.office}、?)*${TOKENS.person})*`,
  /** Places, adjacent or joined by 、 or 及. */
  Ls: `${TOKENS.place}+(?:[、及]${TOKENS.place}+)*`,
  /** Any character but the end of a clause. */
  N: "[^，。；：「」]",
  /** A plain character: not a token, not the end of a clause. */
  X: `[^，。；：「」${Object.values(TOKENS).join("")}]`,
  /** Any character but the end of a clause or an actor. */
  NA: `[^，。；：「」${TOKENS.person}${TOKENS.polity}]`,
};

/** One bit per kind of token, for the `needs` of the rules. */
export const KIND_BITS: Readonly<Record<string, number>> = { P: 1, L: 2, S: 4, O: 8, Q: 16 };

/** The bit of `KIND_BITS` for a kind of mention (a switch: quicker than a look-up by a varying key). */
export function kindBit(kind: Mention["kind"]): number {
  switch (kind) {
    case "person":
      return 1;
    case "place":
      return 2;
    case "polity":
      return 4;
    case "office":
      return 8;
    default:
      return 16;
  }
}

/** The code unit of the token of a kind of mention (see `TOKENS`). */
export function tokenCodeOf(kind: Mention["kind"]): number {
  switch (kind) {
    case "person":
      return PERSON_CODE;
    case "place":
      return PLACE_CODE;
    case "polity":
      return POLITY_CODE;
    case "office":
      return OFFICE_CODE;
    default:
      return QUANTITY_CODE;
  }
}

export const PERSON_CODE = TOKENS.person.charCodeAt(0);
const PLACE_CODE = TOKENS.place.charCodeAt(0);
const POLITY_CODE = TOKENS.polity.charCodeAt(0);
export const OFFICE_CODE = TOKENS.office.charCodeAt(0);
const QUANTITY_CODE = TOKENS.quantity.charCodeAt(0);

/** The kind of mention a token stands for (for tests and debugging). */
export function tokenKind(token: string): string | undefined {
  return TOKEN_KIND.get(token);
}
