import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The CRM profile, from the person’s member_id.' })
export class Profile {
  @Field(() => String) memberId!: string;
  @Field(() => String, { nullable: true }) realName!: string | null;
  @Field(() => String, { nullable: true }) gender!: string | null;
  @Field(() => String, { nullable: true }) birthday!: string | null;
  @Field(() => String, { nullable: true }) registerDate!: string | null;
  @Field(() => String, { nullable: true, description: 'Channel the member registered in.' })
  registerChannel!: string | null;
  @Field(() => String, { nullable: true }) level!: string | null;
  @Field(() => Int, { nullable: true }) totalPoints!: number | null;
  @Field(() => String) updatedAt!: string;
  @Field(() => Boolean, { description: 'Deleted at the source (CRM).' }) deleted!: boolean;
}
