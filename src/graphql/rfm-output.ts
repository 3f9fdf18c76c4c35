import type { PersonRfm, RfmView } from '../rfm/rfm-view.js';
import type { Rfm } from './types/rfm.type.js';

/** The GraphQL shape of a person's RFM. */
export function toRfm(e: PersonRfm, view: RfmView): Rfm {
  return {
    asOf: view.asOf,
    recencyDays: e.rfm.recencyDays,
    frequency: e.rfm.frequency,
    monetary: e.rfm.monetaryCents / 100,
    firstPurchaseDate: e.rfm.firstPurchaseDate,
    lastPurchaseDate: e.rfm.lastPurchaseDate,
    segment: e.segment,
    scores: view.scoresOf(e),
  };
}
