import { Field, Float, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar.js';

@ObjectType({ description: 'One ID of a person in one channel.' })
export class Identifier {
  @Field(() => String, {
    description:
      'member_id, mobile_hash, email_hash, union_id, open_id, device_id, customer_id, ext_one_id, ...',
  })
  type!: string;

  @Field(() => String, {
    description: 'Normalized value; a mobile or email is only ever its SHA-256 (hex).',
  })
  value!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Source of the strongest link holding it in the person.',
  })
  source!: string | null;

  @Field(() => Float, {
    description: 'Confidence of that link: 1.0 deterministic, below 1.0 probabilistic.',
  })
  confidence!: number;

  @Field(() => DateTimeScalar, { description: 'Earliest time a source reported it.' })
  firstSeen!: string;

  @Field(() => DateTimeScalar, { description: 'Latest time a source reported it.' })
  lastSeen!: string;

  @Field(() => Boolean, {
    description:
      'False when its links were deactivated, it was deleted at the source, or it is quarantined.',
  })
  active!: boolean;

  @Field(() => Boolean, {
    description: 'Linked to too many identifiers: its links never merge persons.',
  })
  quarantined!: boolean;
}
