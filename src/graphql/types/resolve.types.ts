import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar.js';
import { IdentifierInput } from './identifier.input.js';

export enum MatchedBy {
  EXISTING = 'EXISTING',
  LINKED = 'LINKED',
  NEW = 'NEW',
}
registerEnumType(MatchedBy, {
  name: 'MatchedBy',
  description: 'How resolveId found the person.',
  valuesConfig: {
    EXISTING: { description: 'The identifier was already known.' },
    LINKED: { description: 'The identifier was new; one of its links named a known person.' },
    NEW: { description: 'Neither it nor its links were known: a new person was created.' },
  },
});

@ObjectType({ description: 'The person an identifier resolved to.' })
export class ResolveIdResult {
  @Field(() => ID, { description: 'OneID of the person.' }) oneId!: string;
  @Field(() => Int, { description: 'Integer id used in bitmaps.' }) pid!: number;
  @Field(() => Boolean, { description: 'A new person was created for the identifier.' })
  created!: boolean;
  @Field(() => MatchedBy, { description: 'How the person was found.' }) matchedBy!: MatchedBy;
}

@InputType({
  description:
    'One identifier to resolve; type may also be the raw "mobile" or "email" (only its SHA-256 is stored).',
})
export class ResolveIdInput {
  @Field(() => String, { description: 'Identifier type, as in IdentifierInput.type.' })
  type!: string;
  @Field(() => String, { description: 'Identifier value; at most 256 characters.' })
  value!: string;
  @Field(() => [IdentifierInput], {
    nullable: true,
    description: 'Identifiers of the same person to link to it; at most 100.',
  })
  links?: IdentifierInput[] | null;
  @Field(() => String, {
    nullable: true,
    description: 'Source recorded on the links; at most 64 characters.',
  })
  source?: string | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Confidence of the links, in (0, 1]; default 1.0.',
  })
  confidence?: number | null;
}

@InputType({ description: 'A row of an external ID graph, with MERGE INTO semantics.' })
export class IdMappingInput {
  @Field(() => String, { description: 'The external graph’s one_id (stored as ext_one_id).' })
  oneId!: string;
  @Field(() => String, { description: 'Identifier type, as in IdentifierInput.type.' })
  idType!: string;
  @Field(() => String, { description: 'Identifier value; at most 256 characters.' })
  idValue!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Source recorded on the link; default "mapping"; at most 64 characters.',
  })
  sourceChannel?: string | null;
  @Field(() => Float, { description: 'Confidence of the link, in (0, 1].' })
  confidence!: number;
  @Field(() => DateTimeScalar, { description: 'When the external graph first saw the link.' })
  firstSeen!: string;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'When it last saw the link; default firstSeen. A row only updates a known link when this is later.',
  })
  lastSeen?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: 'False deactivates the link.',
  })
  isActive?: boolean;
}

@ObjectType({ description: 'What a write to the identity graph changed.' })
export class IdentityChange {
  @Field(() => Int, { description: 'Rows or links written.' }) written!: number;
  @Field(() => [String], { description: 'OneIDs of persons created.' }) createdOneIds!: string[];
  @Field(() => Int, { description: 'Persons whose identifiers changed (merged into or split).' })
  personsChanged!: number;
  @Field(() => Int, { description: 'Persons retired by merging into another.' })
  personsRetired!: number;
  @Field(() => Int, { description: 'Links newly kept out of merging (see conflicts).' })
  newConflicts!: number;
  @Field(() => [String], {
    description: 'Identifiers skipped (blocked or unknown type) with the reason.',
  })
  skipped!: string[];
}
