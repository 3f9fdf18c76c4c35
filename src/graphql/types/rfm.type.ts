import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'Quintile scores over all persons with RFM as of the same date (5 is best).',
})
export class RfmScores {
  @Field(() => Int) r!: number;
  @Field(() => Int) f!: number;
  @Field(() => Int) m!: number;
}

@ObjectType({ description: 'Recency, frequency and monetary value as of a date.' })
export class Rfm {
  @Field(() => String, { description: 'The as-of date, YYYY-MM-DD.' })
  asOf!: string;

  @Field(() => Int, { description: 'Days from the last purchase day to the as-of date.' })
  recencyDays!: number;

  @Field(() => Int, { description: 'Distinct calendar days with a purchase.' })
  frequency!: number;

  @Field(() => Float, {
    description: 'Net revenue, cancellations included, rounded to 2 decimals.',
  })
  monetary!: number;

  @Field(() => String)
  firstPurchaseDate!: string;

  @Field(() => String)
  lastPurchaseDate!: string;

  @Field(() => String)
  segment!: string;

  @Field(() => RfmScores)
  scores!: RfmScores;
}
