/** What went wrong, for callers that react to a kind of failure. */
export type CalendarErrorCode =
  | "unknown-era"
  | "unknown-state"
  | "era-not-in-state"
  | "ambiguous-era"
  | "year-out-of-range"
  | "no-such-month"
  | "no-such-leap-month"
  | "day-out-of-range"
  | "ganzhi-not-in-month"
  | "bad-ganzhi"
  | "day-without-month"
  | "bad-date"
  | "out-of-coverage"
  | "bad-expression";

/** A candidate era listed by an `ambiguous-era` error. */
export interface CandidateSummary {
  state: string;
  era: string;
  rulers: string[];
  /** Western years (astronomical) of the era's first and last days. */
  years: [number, number];
}

/**
 * A date that cannot be converted. The calendar never guesses: an impossible or ambiguous date
 * throws this error rather than returning a wrong day.
 *
 * @example
 * try { resolveEraDate({ era: "慶曆", year: 9 }) } catch (e) { (e as CalendarError).code } //=> "year-out-of-range"
 */
export class CalendarError extends Error {
  override name = "CalendarError";
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    readonly candidates: CandidateSummary[] = [],
  ) {
    super(message);
  }
}
