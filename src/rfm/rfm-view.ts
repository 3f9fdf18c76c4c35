import { QuintileScale } from './scores.js';
import type { PurchaseSummary } from './summary.js';
import { tagsOf, type PersonTags, type Tagger } from './tags.js';

export interface PersonRfm extends PersonTags {
  readonly pid: number;
  readonly oneId: string;
}

export interface Scores {
  readonly r: number;
  readonly f: number;
  readonly m: number;
}

/**
 * RFM, segment and tags of every person as of one date, kept current person by person
 * (`update`); the quintile scales are rebuilt only when scores are asked for after a change.
 * Its size does not grow with purchase history: one fixed-size entry per person with RFM.
 */
export class RfmView {
  readonly entries = new Map<number, PersonRfm>();
  private scales: { r: QuintileScale; f: QuintileScale; m: QuintileScale } | undefined;

  constructor(
    readonly asOf: string,
    summaries: Iterable<PurchaseSummary>,
    private readonly tagger: Tagger,
  ) {
    this.add(summaries);
  }

  /** Adds persons (while a view is built page by page). */
  add(summaries: Iterable<PurchaseSummary>): void {
    for (const s of summaries) this.put(s);
    this.scales = undefined;
  }

  /** Persons `changed` get their new summary from `fresh` (none: no RFM); `retired` leave. */
  update(
    fresh: ReadonlyMap<number, PurchaseSummary>,
    changed: readonly number[],
    retired: readonly number[],
  ): void {
    for (const pid of [...changed, ...retired]) this.entries.delete(pid);
    for (const s of fresh.values()) this.put(s);
    this.scales = undefined;
  }

  /** Quintile scores of a person among everyone with RFM as of this date. */
  scoresOf(e: PersonRfm): Scores {
    if (!this.scales) {
      const all = [...this.entries.values()].map((x) => x.rfm);
      this.scales = {
        r: new QuintileScale(
          all.map((x) => x.recencyDays),
          true,
        ),
        f: new QuintileScale(all.map((x) => x.frequency)),
        m: new QuintileScale(all.map((x) => x.monetaryCents)),
      };
    }
    const { r, f, m } = this.scales;
    return {
      r: r.score(e.rfm.recencyDays),
      f: f.score(e.rfm.frequency),
      m: m.score(e.rfm.monetaryCents),
    };
  }

  private put(s: PurchaseSummary): void {
    const t = tagsOf(s, this.asOf, this.tagger);
    if (t) this.entries.set(s.pid, { ...t, pid: s.pid, oneId: s.oneId });
  }
}
