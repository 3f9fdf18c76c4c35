import { Field, InputType } from 'type-graphql';

@InputType({ description: 'An identifier by type and value.' })
export class IdentifierInput {
  @Field(() => String)
  type!: string;

  @Field(() => String)
  value!: string;
}
