import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar.js';

@ObjectType({ description: 'A link kept out of merging because it would break a per-person cap.' })
export class Conflict {
  @Field(() => String, { description: 'One end, as type:value.' }) from!: string;
  @Field(() => String, { description: 'The other end, as type:value.' }) to!: string;
  @Field(() => String, { description: 'The cap the merge would break.' }) reason!: string;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the conflict was found; null for conflicts recorded before times were.',
  })
  at!: string | null;
  @Field(() => String, { description: 'Source that reported the link.' }) source!: string;
  @Field(() => Float, { description: 'Confidence of the link.' }) confidence!: number;
  @Field(() => String, {
    nullable: true,
    description: 'OneID of the person holding `from`; null if none.',
  })
  fromOneId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'OneID of the person holding `to`; null if none.',
  })
  toOneId!: string | null;
}

@ObjectType({ description: 'How many persons have a given number of identifiers.' })
export class ClusterSize {
  @Field(() => Int, { description: 'Identifiers per person.' }) size!: number;
  @Field(() => Int, { description: 'Persons with that many identifiers.' }) persons!: number;
}

@ObjectType({ description: 'An identifier whose links never merge persons.' })
export class QuarantinedIdentifier {
  @Field(() => String, { description: 'The identifier, as type:value.' }) key!: string;
  @Field(() => String, { nullable: true, description: 'Why; null when not recorded.' })
  reason!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When; null when not recorded.' })
  at!: string | null;
}

@ObjectType({ description: 'Size and health of the identity graph.' })
export class IdentityStats {
  @Field(() => Int, { description: 'Active persons.' }) persons!: number;
  @Field(() => Int, { description: 'Persons retired into another by a merge.' }) retired!: number;
  @Field(() => Int, { description: 'Identifiers held.' }) identifiers!: number;
  @Field(() => Int, { description: 'Links between identifiers, active or not.' }) links!: number;
  @Field(() => Int, { description: 'Links kept out of merging.' }) conflicts!: number;
  @Field(() => Int, { description: 'Quarantined identifiers.' }) quarantined!: number;
  @Field(() => [ClusterSize], { description: 'Persons by identifier count, ascending.' })
  clusterSizes!: ClusterSize[];
  @Field(() => [QuarantinedIdentifier], { description: 'Up to 100 quarantined identifiers.' })
  quarantinedIdentifiers!: QuarantinedIdentifier[];
}
