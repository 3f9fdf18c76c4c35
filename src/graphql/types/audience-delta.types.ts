import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Who entered and left a package’s consented set for a purpose between two versions (stream the rows from GET /audiences/{id}/delta).',
})
export class AudienceDelta {
  @Field(() => Int, { description: 'The version compared from (0: nothing, all are enters).' })
  fromVersion!: number;
  @Field(() => Int, { description: 'The latest version, compared to.' })
  toVersion!: number;
  @Field(() => Int, {
    description: 'Persons in the latest version’s consented set and not in `fromVersion`’s.',
  })
  entered!: number;
  @Field(() => Int, {
    description:
      'Persons in `fromVersion`’s consented set and not in the latest’s (left the audience or withdrew consent).',
  })
  left!: number;
  @Field(() => Int, {
    description: 'Members of the latest version left out because they do not consent.',
  })
  leftOutWithoutConsent!: number;
}
