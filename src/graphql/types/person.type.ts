import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar.js';

@ObjectType({ description: 'One real person: a cluster of identifiers with a stable OneID.' })
export class Person {
  @Field(() => ID, {
    description: 'Stable OneID. A retired OneID keeps resolving to its survivor.',
  })
  oneId!: string;

  @Field(() => Int, { description: 'Positive integer id used in segment bitmaps; never reused.' })
  pid!: number;

  @Field(() => String, { description: 'active, or merged (retired into another person).' })
  status!: string;

  @Field(() => DateTimeScalar, { description: 'When the service created the person (UTC).' })
  createdAt!: string;
}
