import { Field, InputType } from 'type-graphql';

@InputType({ description: 'An identifier by type and value.' })
export class IdentifierInput {
  @Field(() => String, {
    description:
      'Identifier type: member_id, mobile_hash, email_hash, union_id, open_id, device_id, customer_id, ext_one_id (at most 64 characters).',
  })
  type!: string;

  @Field(() => String, {
    description:
      'The value, normalized before use (a *_hash is 64 hexadecimal characters); at most 256 characters.',
  })
  value!: string;
}
