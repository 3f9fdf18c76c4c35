import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../scalars/date.scalar.js';
import { DateTimeScalar } from '../scalars/date-time.scalar.js';

@ObjectType({ description: 'The CRM profile, from the person’s member_id.' })
export class Profile {
  @Field(() => String, { description: 'CRM member id, e.g. "MBR001".' }) memberId!: string;
  @Field(() => String, { nullable: true, description: 'Full name; null when the CRM has none.' })
  realName!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'As the CRM writes it (the seed uses F and M); null when unknown.',
  })
  gender!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Date of birth; null when unknown.' })
  birthday!: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Day the member registered; null when unknown.',
  })
  registerDate!: string | null;
  @Field(() => String, { nullable: true, description: 'Channel the member registered in.' })
  registerChannel!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Membership level as the CRM names it (e.g. gold, silver); null when none.',
  })
  level!: string | null;
  @Field(() => Int, { nullable: true, description: 'Loyalty points balance; null when unknown.' })
  totalPoints!: number | null;
  @Field(() => DateTimeScalar, {
    description: 'Last change of the CRM row, as the CRM reported it; newer rows win.',
  })
  updatedAt!: string;
  @Field(() => Boolean, { description: 'Deleted at the source (CRM).' }) deleted!: boolean;
}
