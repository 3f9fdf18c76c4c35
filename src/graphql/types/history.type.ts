import { Field, Float, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar.js';

@ObjectType({ description: 'A merge or split that involved the person.' })
export class PersonChange {
  @Field(() => String, { description: 'MERGED_FROM, MERGED_INTO, SPLIT_FROM or SPLIT_INTO.' })
  kind!: string;

  @Field(() => String, { description: 'OneID of the person on the other side of the change.' })
  otherOneId!: string;

  @Field(() => DateTimeScalar, { description: 'When the service made the change.' })
  at!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What caused it (a load, a link, a steward action); null when not recorded.',
  })
  reason!: string | null;
}

@ObjectType({ description: 'A link between two identifiers of the person.' })
export class LinkExplanation {
  @Field(() => String, { description: 'One end, as type:value.' }) from!: string;
  @Field(() => String, { description: 'The other end, as type:value.' }) to!: string;
  @Field(() => String, { description: 'Source that reported the link (crm, app, steward, ...).' })
  source!: string;
  @Field(() => Float, { description: '1.0 deterministic, below 1.0 probabilistic.' })
  confidence!: number;
  @Field(() => Boolean, { description: 'False once deactivated (unlinked or stale).' })
  active!: boolean;
  @Field(() => DateTimeScalar, { description: 'Earliest time a source reported the link.' })
  firstSeen!: string;
  @Field(() => DateTimeScalar, { description: 'Latest time a source reported the link.' })
  lastSeen!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Why this link does not merge, if it is a conflict.',
  })
  conflict!: string | null;
}
