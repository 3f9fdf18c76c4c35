/**
 * The summary kept on a person (see cypher/rfm/refresh-persons.cypher): its purchases by day and
 * what segment rules read of its identifiers and profile.
 */
export interface PurchaseSummary {
  readonly pid: number;
  readonly oneId: string;
  /** Ascending "YYYY-MM-DD" days with any purchase or cancellation. */
  readonly days: readonly string[];
  /** Net revenue of each day, in cents. */
  readonly dayCents: readonly number[];
  /** Whether a non-cancelled purchase happened that day. */
  readonly dayBought: readonly boolean[];
  readonly channels: readonly string[];
  /** First non-cancelled purchase day per channel, aligned with `channels`. */
  readonly channelFirstDays: readonly string[];
  /** Types of its identifiers, quarantined ones left out. */
  readonly identifierTypes: readonly string[];
  /** The purposes it consents to ("ads", "email"). */
  readonly consents: readonly string[];
  /** The static segments that list any of its identifiers. */
  readonly segmentLists: readonly string[];
  readonly profile: PersonProfileFacts;
}

/** The profile fields of a person's most recently updated member_id that segment rules read. */
export interface PersonProfileFacts {
  readonly level: string | null;
  readonly gender: string | null;
  readonly registerChannel: string | null;
  readonly totalPoints: number | null;
  /** "YYYY-MM-DD". */
  readonly registerDate: string | null;
  /** "YYYY-MM-DD". */
  readonly birthday: string | null;
}

/** Recency, frequency and monetary value of a person as of a date. */
export interface Rfm {
  readonly recencyDays: number;
  /** Distinct calendar days with a purchase. */
  readonly frequency: number;
  /** Net revenue in cents; cancellations count here. */
  readonly monetaryCents: number;
  readonly firstPurchaseDate: string;
  readonly lastPurchaseDate: string;
}

const DAY_MS = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * RFM as of `asOf` ("YYYY-MM-DD"): only days on or before it count. Cancellations count in
 * monetary but are not purchase days. Null when the person bought nothing by then.
 */
export function rfmAsOf(s: PurchaseSummary, asOf: string): Rfm | null {
  let frequency = 0;
  let cents = 0;
  let first: string | undefined;
  let last: string | undefined;
  for (let i = 0; i < s.days.length; i++) {
    const day = s.days[i] as string;
    if (day > asOf) break;
    cents += s.dayCents[i] ?? 0;
    if (s.dayBought[i]) {
      frequency++;
      first ??= day;
      last = day;
    }
  }
  if (frequency === 0 || first === undefined || last === undefined) return null;
  return {
    recencyDays: daysBetween(last, asOf),
    frequency,
    monetaryCents: cents,
    firstPurchaseDate: first,
    lastPurchaseDate: last,
  };
}

/** Channels the person had bought in by `asOf`. */
export function channelsAsOf(s: PurchaseSummary, asOf: string): string[] {
  return s.channels.filter((_, i) => (s.channelFirstDays[i] ?? '9999') <= asOf);
}
