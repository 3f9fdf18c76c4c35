import { Field, Int, ObjectType } from 'type-graphql';
import type { PersonRfm } from '../../rfm/rfm-view.js';
import { DateScalar } from '../scalars/date.scalar.js';
import { DecimalScalar } from '../scalars/decimal.scalar.js';

@ObjectType({
  description: 'Quintile scores over all persons with RFM as of the same date (5 is best).',
})
export class RfmScores {
  @Field(() => Int, { description: 'Recency score 1-5; 5 bought most recently.' }) r!: number;
  @Field(() => Int, { description: 'Frequency score 1-5; 5 bought on the most days.' })
  f!: number;
  @Field(() => Int, { description: 'Monetary score 1-5; 5 spent the most.' }) m!: number;
}

@ObjectType({ description: 'Recency, frequency and monetary value as of a date.' })
export class Rfm {
  @Field(() => DateScalar, { description: 'The as-of date the figures are computed for.' })
  asOf!: string;

  @Field(() => Int, { description: 'Days from the last purchase day to the as-of date.' })
  recencyDays!: number;

  @Field(() => Int, { description: 'Distinct calendar days with a purchase.' })
  frequency!: number;

  @Field(() => DecimalScalar, {
    description: 'Net revenue up to the as-of date, cancellations included; exact, 2 decimals.',
  })
  monetary!: string;

  @Field(() => DateScalar, { description: 'Day of the first purchase.' })
  firstPurchaseDate!: string;

  @Field(() => DateScalar, { description: 'Day of the last purchase up to the as-of date.' })
  lastPurchaseDate!: string;

  @Field(() => String, {
    description: 'RFM segment name, e.g. "At Risk", "Loyal Customers", "Lost".',
  })
  segment!: string;

  /** The person's figures, for `scores` (resolved in rfm-scores.resolver.ts); not a field. */
  figures!: PersonRfm;
}
