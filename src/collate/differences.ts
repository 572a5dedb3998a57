/**
 * What differs between accounts of one event: the date (year, month or day), the quantities
 * (茶三萬斤 against 茶三斤), the names (a person or place written otherwise, and whether the
 * spellings are known aliases), and the wording.
 */
import type { QuantityMention } from "../annotate/types.ts";
import { fold } from "../search/fold.ts";
import type { Profile } from "./signals.ts";
import { gapDays } from "./signals.ts";
import { dice } from "./text.ts";
import type { CollatedEntry, Difference } from "./types.ts";

/** The reckoning dates are compared in when the accounts come from different states' chronicles. */
const COMMON_STATES = ["北宋", "南宋", "遼", "金", "西夏"];

/** An entry's date as its chronicle writes it: `西夏稱天授禮法延祚六年 秋七月`. */
export function writtenDate(entry: CollatedEntry): string | null {
  const { label, era, number } = entry.record.year;
  // A year written without its era (`十二年` in a 本紀) is shown with the era it was read in.
  const bare = label !== null && era !== null && !label.includes(era);
  const year = label === null ? (era ? `${era}${number}年` : null) : bare ? `(${era})${label}` : label;
  const date = entry.record.date.text;
  if (!year && !date) return null;
  return [year, date].filter(Boolean).join(" ");
}

/** The month an entry's first day falls in, in a common reckoning: `北宋 慶曆三年七月`. */
function commonMonth(entry: CollatedEntry, state: string): string | null {
  const label = entry.record.date.concurrent?.find((c) => c.state === state)?.label;
  if (!label) return null;
  return label.replace(/[^月]*$/u, "");
}

function dateDifference(entries: readonly CollatedEntry[], profiles: readonly Profile[]): Difference | null {
  const ranges = profiles.map((p) => p.jdn);
  if (ranges.some((r) => r === null)) return null;
  let apart = false;
  for (let i = 0; i < ranges.length && !apart; i++)
    for (let j = i + 1; j < ranges.length; j++) if (gapDays(ranges[i]!, ranges[j]!) > 0) apart = true;
  if (!apart) return null;
  const written = entries.map(writtenDate);
  const state = COMMON_STATES.find((s) => entries.every((e) => commonMonth(e, s) !== null));
  const months = state ? entries.map((e) => commonMonth(e, state)!) : null;
  let grain = "day";
  if (months) {
    const years = months.map((m) => m.replace(/[^年]*$/u, ""));
    grain = new Set(years).size > 1 ? "year" : new Set(months).size > 1 ? "month" : "day";
  }
  // The values are comparable: each account's month in one reckoning (宋's, where all have it).
  const values = months ? months.map((m) => `${state} ${m}`) : written;
  const shown = written.map((w, i) => `${w ?? "undated"}${months ? ` (${values[i]})` : ""}`);
  return { kind: "date", values, text: `the ${grain} differs: ${shown.join(" against ")}` };
}

/** The quantities of an entry by what they count (the commodity, else the unit, else the noun). */
function quantities(entry: CollatedEntry): Map<string, QuantityMention[]> {
  const out = new Map<string, QuantityMention[]>();
  for (const m of entry.mentions) {
    if (m.kind !== "quantity") continue;
    // What is counted: a commodity (茶, 絹), else the noun with its unit (騎 of 數千騎); a bare
    // unit (人) counts too many different things to compare.
    const key = m.commodity ?? (m.noun && m.unit ? `${m.noun} (${m.unit})` : null);
    if (!key) continue;
    out.set(key, [...(out.get(key) ?? []), m]);
  }
  return out;
}

function quantityDifferences(entries: readonly CollatedEntry[]): Difference[] {
  const each = entries.map(quantities);
  const keys = new Set(each.flatMap((q) => [...q.keys()]));
  const out: Difference[] = [];
  for (const key of keys) {
    // Only what every account counts can differ: what one leaves out is not a disagreement.
    if (!each.every((q) => q.has(key))) continue;
    // The amounts each account gives for it, each once (a headline and its details may repeat one).
    const amounts = each.map((q) =>
      [...new Set(q.get(key)!.map((m) => m.amount))].sort((a, b) => a - b).join(","),
    );
    if (new Set(amounts).size < 2) continue;
    const values = each.map((q) =>
      q
        .get(key)!
        .map((m) => m.raw)
        .join("、"),
    );
    out.push({ kind: "quantity", values, text: `${key}: ${values.join(" against ")}` });
  }
  return out;
}

function nameDifferences(entries: readonly CollatedEntry[], profiles: readonly Profile[]): Difference[] {
  const out: Difference[] = [];
  const refs = new Set(profiles.flatMap((p) => [...p.names.keys()]));
  for (const ref of refs) {
    // Persons and places named otherwise: a polity's many names (宋, 中國, 朝廷) are no disagreement.
    if (!/^(person|place):/u.test(ref)) continue;
    // Only names every account writes: a participant an event leaves implicit has no spelling.
    if (!profiles.every((p) => (p.names.get(ref)?.size ?? 0) > 0)) continue;
    const spellings = profiles.map((p) => [...p.names.get(ref)!].sort());
    const sets = spellings.map((s) => s.join("、"));
    if (new Set(sets).size < 2) continue;
    // Named otherwise: the accounts have no spelling in common, even folded (徳順軍 is 德順軍)
    // or shortened (元昊 in 李元昊, 堯臣 in 王堯臣).
    const folded = spellings.map((list) => list.map(fold));
    const same = (a: string, b: string) => a.includes(b) || b.includes(a);
    if (folded[0]!.some((f) => folded.every((list) => list.some((g) => same(f, g))))) continue;
    out.push({
      kind: "name",
      values: sets,
      text: `${sets.join(" against ")}: the same ${ref.split(":")[0]} (${ref}), known aliases`,
      knownAliases: true,
    });
  }
  // A variant reading an account gives itself (`訛疥（《長編》作鄂特結）`), where another writes the variant.
  for (let i = 0; i < entries.length; i++) {
    for (const v of entries[i]!.record.variants) {
      const j = entries.findIndex(
        (e, k) => k !== i && [e.record.headline, ...e.record.details].some((t) => t.includes(v.variant)),
      );
      if (j < 0) continue;
      if (out.some((d) => d.values[i]?.includes(v.name) && d.values[j]?.includes(v.variant))) continue;
      const values = entries.map((_, k) => (k === i ? v.name : k === j ? v.variant : null));
      out.push({
        kind: "name",
        values,
        text: `${v.name} against ${v.variant}: a variant reading the text itself notes (${v.source}作${v.variant})`,
        knownAliases: true,
      });
    }
  }
  return out;
}

/** Below this share of pairs of characters in common, the wording is said to differ. */
const SAME_WORDING = 0.9;

function wordingDifference(
  entries: readonly CollatedEntry[],
  profiles: readonly Profile[],
): Difference | null {
  let least = 1;
  for (let i = 0; i < profiles.length; i++)
    for (let j = i + 1; j < profiles.length; j++)
      least = Math.min(least, dice(profiles[i]!.all, profiles[j]!.all));
  if (least >= SAME_WORDING) return null;
  return {
    kind: "wording",
    values: entries.map((e) => e.record.headline),
    text: `${Math.round(least * 100)} % of the pairs of characters in common`,
  };
}

/** Everything that differs between the accounts of a group, dates first. */
export function differences(entries: readonly CollatedEntry[], profiles: readonly Profile[]): Difference[] {
  const date = dateDifference(entries, profiles);
  const wordingDiff = wordingDifference(entries, profiles);
  return [
    ...(date ? [date] : []),
    ...quantityDifferences(entries),
    ...nameDifferences(entries, profiles),
    ...(wordingDiff ? [wordingDiff] : []),
  ];
}
