import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../scalars/decimal.scalar.js';
import { Person } from './person.type.js';

@ObjectType({ description: 'Purchases per channel (persons only; anonymous lines are left out).' })
export class ChannelStats {
  @Field(() => String, { description: 'Sales channel: app, miniapp, online_retail, ...' })
  channel!: string;
  @Field(() => Int, { description: 'Persons with a non-cancelled purchase in the channel.' })
  uniqueUsers!: number;
  @Field(() => Int, {
    description: 'Non-cancelled purchase lines (an app purchase event is one line).',
  })
  purchaseCount!: number;
  @Field(() => DecimalScalar, {
    description: 'Net revenue, cancellations included; exact, 2 decimals.',
  })
  totalRevenue!: string;
  @Field(() => DecimalScalar, {
    description:
      'totalRevenue / purchaseCount, rounded half away from zero to 2 decimals; "0.00" without purchases.',
  })
  avgOrderValue!: string;
}

@ObjectType({ description: 'Persons of one RFM segment and their averages.' })
export class SegmentStats {
  @Field(() => String, { description: 'RFM segment name, e.g. "At Risk".' }) segment!: string;
  @Field(() => Int, { description: 'Persons in the segment as of the date.' }) userCount!: number;
  @Field(() => DecimalScalar, {
    description: 'Mean monetary value, rounded half away from zero to 2 decimals.',
  })
  avgMonetary!: string;
  @Field(() => Float, { description: 'Mean frequency (purchase days), 1 decimal.' })
  avgFrequency!: number;
  @Field(() => Int, { description: 'Mean recency, rounded to whole days.' })
  avgRecencyDays!: number;
}

@ObjectType({
  description:
    'Rows held per source (counted in the graph, so reloads count once) and what file loads rejected.',
})
export class SourceStats {
  @Field(() => String, { description: 'crm_members, app_events, retail_transactions, id_mapping.' })
  source!: string;
  @Field(() => Int, { description: 'Distinct rows held (a reloaded row counts once).' })
  rows!: number;
  @Field(() => Int, { description: 'Distinct files loaded.' }) files!: number;
  @Field(() => Int, { description: 'Rows file loads rejected (bad field, missing identifier).' })
  rejected!: number;
  @Field(() => Int, { description: 'Retail lines without a customer.' }) anonymous!: number;
  @Field(() => Int, {
    description: 'Retail lines identical in all eight fields to an earlier line.',
  })
  duplicates!: number;
}

@ObjectType({ description: 'One page of persons; follow endCursor while hasNextPage.' })
export class PersonPage {
  @Field(() => Int, { description: 'Persons in the whole selection, not just this page.' })
  totalCount!: number;
  @Field(() => [Person], { description: 'The persons of this page, in the selection’s order.' })
  nodes!: Person[];
  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page; null when the page is empty.',
  })
  endCursor!: string | null;
  @Field(() => Boolean, { description: 'More persons follow this page.' })
  hasNextPage!: boolean;
}

export enum PeopleOrder {
  MONETARY_DESC = 'MONETARY_DESC',
  RECENCY_ASC = 'RECENCY_ASC',
  FREQUENCY_DESC = 'FREQUENCY_DESC',
  PID_ASC = 'PID_ASC',
}
registerEnumType(PeopleOrder, {
  name: 'PeopleOrder',
  description: 'Order of `people`; ties are broken by pid, ascending.',
  valuesConfig: {
    MONETARY_DESC: { description: 'Highest monetary value first.' },
    RECENCY_ASC: { description: 'Most recent buyers first (fewest recency days).' },
    FREQUENCY_DESC: { description: 'Most purchase days first.' },
    PID_ASC: { description: 'By integer id: the order persons were created in.' },
  },
});
