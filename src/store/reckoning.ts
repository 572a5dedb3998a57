/**
 * The state whose reckoning an entry's year uses: the year heading's own (`西夏稱天授禮法延祚六年`),
 * else the state whose calendar has the heading's era, as the dating stage's concurrent reign
 * dates tell (長編's `慶歴三年` is 北宋's 慶曆). The store keeps it per year, so that filters by
 * state run in SQL; the reader works it out for one entry from its own date.
 */
import { fold } from "../search/fold.ts";
import { eraSpellings } from "../text/variants.ts";

/** A concurrent reign date as the dating stage gives it (only the fields read here). */
interface Concurrent {
  state: string;
  era: string;
}

/** An era name folded for comparison (厯, the 四庫 texts' form of 曆, is not in the search folding). */
function eraKey(era: string): string {
  return fold(era.replaceAll("厯", "曆"));
}

/**
 * The state of a year heading: its own, else the state whose concurrent date carries its era
 * (compared folded: 慶歷 and 慶厯 are 慶曆; the heading may add a ruler before the era).
 *
 * @param year the heading's state and era
 * @param concurrent the concurrent reign dates of a dated entry under it (none: no state)
 * @example
 * reckoningState({ state: null, era: "慶歷" }, [{ state: "北宋", era: "慶曆", … }]) //=> "北宋"
 */
export function reckoningState(
  year: { state: string | null; era: string | null },
  concurrent: readonly Concurrent[] | undefined,
): string | null {
  if (year.state) return year.state;
  if (year.era && concurrent) {
    const era = eraKey(year.era);
    for (const c of concurrent) if (era.endsWith(eraKey(c.era))) return c.state;
    // A variant character the folding does not know (長編's 寳元 for 寶元): read as the dating stage reads it.
    for (const c of concurrent) {
      const key = eraKey(c.era);
      const written = Array.from(year.era).slice(-Array.from(c.era).length).join("");
      if (eraSpellings(written, (name) => eraKey(name) === key).length > 0) return c.state;
    }
  }
  return null;
}
