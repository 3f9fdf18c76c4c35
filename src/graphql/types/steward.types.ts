import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A link kept out of merging because it would break a per-person cap.' })
export class Conflict {
  @Field(() => String) from!: string;
  @Field(() => String) to!: string;
  @Field(() => String) reason!: string;
  @Field(() => String, { nullable: true }) at!: string | null;
  @Field(() => String) source!: string;
  @Field(() => Float) confidence!: number;
  @Field(() => String, { nullable: true }) fromOneId!: string | null;
  @Field(() => String, { nullable: true }) toOneId!: string | null;
}

@ObjectType()
export class ClusterSize {
  @Field(() => Int) size!: number;
  @Field(() => Int) persons!: number;
}

@ObjectType()
export class QuarantinedIdentifier {
  @Field(() => String) key!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true }) at!: string | null;
}

@ObjectType()
export class IdentityStats {
  @Field(() => Int) persons!: number;
  @Field(() => Int) retired!: number;
  @Field(() => Int) identifiers!: number;
  @Field(() => Int) links!: number;
  @Field(() => Int) conflicts!: number;
  @Field(() => Int) quarantined!: number;
  @Field(() => [ClusterSize]) clusterSizes!: ClusterSize[];
  @Field(() => [QuarantinedIdentifier]) quarantinedIdentifiers!: QuarantinedIdentifier[];
}
