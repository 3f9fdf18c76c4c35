import { QuintileScale } from '../../rfm/scores.js';

/** The quintile scales of the population with RFM as of one date. */
export interface ScoreScales {
  readonly r: QuintileScale;
  readonly f: QuintileScale;
  readonly m: QuintileScale;
}

export function scoreScales(
  recency: Iterable<number>,
  frequency: Iterable<number>,
  monetaryCents: Iterable<number>,
): ScoreScales {
  return {
    r: new QuintileScale(recency, true),
    f: new QuintileScale(frequency),
    m: new QuintileScale(monetaryCents),
  };
}
