import { QuintileScale } from './scores.js';
import type { PurchaseSummary } from './summary.js';
import { tagsOf, type PersonTags, type TagSettings } from './tags.js';

export interface ScoredRfm extends PersonTags {
  readonly pid: number;
  readonly oneId: string;
  readonly scores: { readonly r: number; readonly f: number; readonly m: number };
}

/** RFM, segment, tags and quintile scores of every person as of one date. */
export class RfmView {
  readonly entries = new Map<number, ScoredRfm>();

  constructor(
    readonly asOf: string,
    readonly version: number,
    summaries: ReadonlyMap<number, PurchaseSummary>,
    settings: TagSettings,
  ) {
    const tagged: { s: PurchaseSummary; t: PersonTags }[] = [];
    for (const s of summaries.values()) {
      const t = tagsOf(s, asOf, settings);
      if (t) tagged.push({ s, t });
    }
    const r = new QuintileScale(
      tagged.map((x) => x.t.rfm.recencyDays),
      true,
    );
    const f = new QuintileScale(tagged.map((x) => x.t.rfm.frequency));
    const m = new QuintileScale(tagged.map((x) => x.t.rfm.monetaryCents));
    for (const { s, t } of tagged) {
      this.entries.set(s.pid, {
        ...t,
        pid: s.pid,
        oneId: s.oneId,
        scores: {
          r: r.score(t.rfm.recencyDays),
          f: f.score(t.rfm.frequency),
          m: m.score(t.rfm.monetaryCents),
        },
      });
    }
  }
}
