import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A merge or split that involved the person.' })
export class PersonChange {
  @Field(() => String, { description: 'MERGED_FROM, MERGED_INTO, SPLIT_FROM or SPLIT_INTO.' })
  kind!: string;

  @Field(() => String)
  otherOneId!: string;

  @Field(() => String)
  at!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType({ description: 'A link between two identifiers of the person.' })
export class LinkExplanation {
  @Field(() => String, { description: 'type:value' }) from!: string;
  @Field(() => String, { description: 'type:value' }) to!: string;
  @Field(() => String) source!: string;
  @Field(() => Float) confidence!: number;
  @Field(() => Boolean) active!: boolean;
  @Field(() => String) firstSeen!: string;
  @Field(() => String) lastSeen!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Why this link does not merge, if it is a conflict.',
  })
  conflict!: string | null;
}
