import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IdentifierInput } from './identifier.input.js';

export enum MatchedBy {
  EXISTING = 'EXISTING',
  LINKED = 'LINKED',
  NEW = 'NEW',
}
registerEnumType(MatchedBy, { name: 'MatchedBy', description: 'How resolveId found the person.' });

@ObjectType()
export class ResolveIdResult {
  @Field(() => ID) oneId!: string;
  @Field(() => Int, { description: 'Integer id used in bitmaps.' }) pid!: number;
  @Field(() => Boolean, { description: 'A new person was created for the identifier.' })
  created!: boolean;
  @Field(() => MatchedBy) matchedBy!: MatchedBy;
}

@InputType({
  description:
    'One identifier to resolve; type may also be the raw "mobile" or "email" (only its SHA-256 is stored).',
})
export class ResolveIdInput {
  @Field(() => String) type!: string;
  @Field(() => String) value!: string;
  @Field(() => [IdentifierInput], {
    nullable: true,
    description: 'Identifiers of the same person to link to it.',
  })
  links?: IdentifierInput[] | null;
  @Field(() => String, { nullable: true }) source?: string | null;
  @Field(() => Float, { nullable: true, description: 'Confidence of the links, default 1.0.' })
  confidence?: number | null;
}

@InputType({ description: 'A row of an external ID graph, with MERGE INTO semantics.' })
export class IdMappingInput {
  @Field(() => String) oneId!: string;
  @Field(() => String) idType!: string;
  @Field(() => String) idValue!: string;
  @Field(() => String, { nullable: true }) sourceChannel?: string | null;
  @Field(() => Float) confidence!: number;
  @Field(() => String) firstSeen!: string;
  @Field(() => String, { nullable: true }) lastSeen?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) isActive?: boolean;
}

@ObjectType()
export class IdentityChange {
  @Field(() => Int, { description: 'Rows or links written.' }) written!: number;
  @Field(() => [String], { description: 'OneIDs of persons created.' }) createdOneIds!: string[];
  @Field(() => Int) personsChanged!: number;
  @Field(() => Int) personsRetired!: number;
  @Field(() => Int) newConflicts!: number;
  @Field(() => [String], {
    description: 'Identifiers skipped (blocked or unknown type) with the reason.',
  })
  skipped!: string[];
}
