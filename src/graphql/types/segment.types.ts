import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A tag with its bitmap of persons.' })
export class SegmentTag {
  @Field(() => String) tag!: string;
  @Field(() => Int) count!: number;
  @Field(() => String) updatedAt!: string;
}

@ObjectType({ description: 'The persons an expression over tags selects.' })
export class Audience {
  @Field(() => String) expression!: string;
  @Field(() => String) asOf!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'Members frozen at creation, with the rule and the time.' })
export class AudiencePackage {
  @Field(() => String) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) expression!: string;
  @Field(() => String) asOf!: string;
  @Field(() => String) createdAt!: string;
  @Field(() => Int) count!: number;
}
