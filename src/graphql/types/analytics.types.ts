import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Person } from './person.type.js';

@ObjectType({ description: 'Purchases per channel (persons only; anonymous lines are left out).' })
export class ChannelStats {
  @Field(() => String) channel!: string;
  @Field(() => Int, { description: 'Persons with a non-cancelled purchase in the channel.' })
  uniqueUsers!: number;
  @Field(() => Int, {
    description: 'Non-cancelled purchase lines (an app purchase event is one line).',
  })
  purchaseCount!: number;
  @Field(() => Float, { description: 'Net revenue, cancellations included.' })
  totalRevenue!: number;
  @Field(() => Float, { description: 'totalRevenue / purchaseCount, 2 decimals.' })
  avgOrderValue!: number;
}

@ObjectType()
export class SegmentStats {
  @Field(() => String) segment!: string;
  @Field(() => Int) userCount!: number;
  @Field(() => Float, { description: '2 decimals.' }) avgMonetary!: number;
  @Field(() => Float, { description: '1 decimal.' }) avgFrequency!: number;
  @Field(() => Int, { description: 'Rounded to whole days.' }) avgRecencyDays!: number;
}

@ObjectType({
  description:
    'Rows held per source (counted in the graph, so reloads count once) and what file loads rejected.',
})
export class SourceStats {
  @Field(() => String, { description: 'crm_members, app_events, retail_transactions, id_mapping.' })
  source!: string;
  @Field(() => Int) rows!: number;
  @Field(() => Int, { description: 'Distinct files loaded.' }) files!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Int, { description: 'Retail lines without a customer.' }) anonymous!: number;
  @Field(() => Int, {
    description: 'Retail lines identical in all eight fields to an earlier line.',
  })
  duplicates!: number;
}

@ObjectType()
export class PersonPage {
  @Field(() => Int) totalCount!: number;
  @Field(() => [Person]) nodes!: Person[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

export enum PeopleOrder {
  MONETARY_DESC = 'MONETARY_DESC',
  RECENCY_ASC = 'RECENCY_ASC',
  FREQUENCY_DESC = 'FREQUENCY_DESC',
  PID_ASC = 'PID_ASC',
}
registerEnumType(PeopleOrder, { name: 'PeopleOrder' });
