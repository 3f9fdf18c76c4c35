import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../scalars/date.scalar.js';
import { DateTimeScalar } from '../scalars/date-time.scalar.js';

@ObjectType({ description: 'A tag with its bitmap of persons.' })
export class SegmentTag {
  @Field(() => String, {
    description: 'Tag name: an RFM segment, channel_<name>, High Value or a custom tag.',
  })
  tag!: string;
  @Field(() => Int, { description: 'Persons carrying the tag.' }) count!: number;
  @Field(() => DateTimeScalar, { description: 'Last change of the tag’s bitmap.' })
  updatedAt!: string;
}

@ObjectType({ description: 'The persons an expression over tags selects.' })
export class Audience {
  @Field(() => String, { description: 'The expression as given.' }) expression!: string;
  @Field(() => DateScalar, { description: 'The date the RFM tags are taken as of.' })
  asOf!: string;
  @Field(() => Int, { description: 'Persons selected.' }) count!: number;
}

@ObjectType({
  description:
    'Members selected by an expression, with the rule and the time: frozen at creation, or live (a new version whenever they change).',
})
export class AudiencePackage {
  @Field(() => String, { description: 'Package id: 1 to 64 of A-Z a-z 0-9 _ . -' }) id!: string;
  @Field(() => String, { description: 'Display name.' }) name!: string;
  @Field(() => String, { description: 'The expression the members were selected by.' })
  expression!: string;
  @Field(() => DateScalar, { description: 'The date the RFM tags were taken as of.' })
  asOf!: string;
  @Field(() => DateTimeScalar, { description: 'When the package was created (or replaced).' })
  createdAt!: string;
  @Field(() => Int, { description: 'Members of the latest version.' }) count!: number;
  @Field(() => Boolean, {
    description: 'Re-evaluated when the tag bitmaps change; each change is a new version.',
  })
  live!: boolean;
  @Field(() => Int, {
    nullable: true,
    description: 'A live package is also re-evaluated this often, in minutes; null if not.',
  })
  refreshEveryMinutes!: number | null;
  @Field(() => Int, { description: 'The latest version (1 at creation).' }) version!: number;
}
