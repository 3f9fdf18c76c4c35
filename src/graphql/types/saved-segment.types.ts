import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar.js';

export enum SegmentKindEnum {
  RULE = 'rule',
  EXPRESSION = 'expression',
  STATIC = 'static',
}
registerEnumType(SegmentKindEnum, {
  name: 'SegmentKind',
  description: 'How a saved segment selects its persons.',
  valuesConfig: {
    RULE: {
      description:
        'A condition over a person’s fields, e.g. `recencyDays <= 200 AND monetary >= 300 AND level IN ("gold", "silver")`; see `segmentRuleFields`.',
    },
    EXPRESSION: {
      description:
        'Set algebra over other segments and tags, as in `audience`, e.g. `"Big spenders" AND NOT Lost`.',
    },
    STATIC: {
      description:
        'Identifiers listed with addToSegment; their persons are members through merges and splits.',
    },
  },
});

@InputType({ description: 'A saved segment to define or preview.' })
export class SegmentInput {
  @Field(() => String, { description: 'Its name, the tag it gives; at most 100 characters.' })
  name!: string;
  @Field(() => SegmentKindEnum, { description: 'How it selects its persons.' })
  kind!: SegmentKindEnum;
  @Field(() => String, {
    defaultValue: '',
    description:
      'The rule or the expression; empty for a static segment. At most 4,000 characters for a rule.',
  })
  definition!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'An ordered group of rule segments ("rfm" names the RFM segment): a person is in the first segment of its group, by rank, whose rule it meets.',
  })
  group?: string | null;
  @Field(() => Int, { nullable: true, description: 'Its place in its group (lower first).' })
  rank?: number | null;
  @Field(() => String, { nullable: true, description: 'At most 1,000 characters.' })
  description?: string | null;
}

@InputType({ description: 'One rule of an ordered group, in its new place.' })
export class GroupRuleInput {
  @Field(() => String, { description: 'The segment’s name.' }) name!: string;
  @Field(() => String, { description: 'The rule.' }) definition!: string;
}

@ObjectType({ description: 'A saved segment: its definition, version and members.' })
export class SavedSegment {
  @Field(() => String, { description: 'Its name: the tag it gives in expressions.' })
  name!: string;
  @Field(() => SegmentKindEnum, { description: 'How it selects its persons.' })
  kind!: SegmentKindEnum;
  @Field(() => String, { description: 'The rule or expression as written; empty for static.' })
  definition!: string;
  @Field(() => String, { nullable: true, description: 'Its ordered group, if any ("rfm").' })
  group!: string | null;
  @Field(() => Int, { nullable: true, description: 'Its place in its group (lower first).' })
  rank!: number | null;
  @Field(() => String, { nullable: true, description: 'What it is for.' })
  description!: string | null;
  @Field(() => Int, { description: 'Goes up with every change of its definition.' })
  version!: number;
  @Field(() => Int, { description: 'Persons in it as of the reference date.' }) count!: number;
  @Field(() => [String], { description: 'The saved segments its expression names.' })
  dependsOn!: string[];
  @Field(() => [String], { description: 'The saved segments whose expressions name it.' })
  usedBy!: string[];
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was defined.' })
  createdAt!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Last change of its definition.' })
  updatedAt!: string | null;
}

@ObjectType({
  description: 'What a change of a segment would do, computed with bitmaps; nothing is written.',
})
export class SegmentPreview {
  @Field(() => String, { description: 'The segment.' }) name!: string;
  @Field(() => Int, { description: 'Persons in it after the change.' }) count!: number;
  @Field(() => Int, { description: 'Persons in it now.' }) currentCount!: number;
  @Field(() => Int, { description: 'Persons who would enter.' }) entered!: number;
  @Field(() => Int, { description: 'Persons who would leave.' }) left!: number;
  @Field(() => [String], { description: 'OneIDs of some who would enter (at most `sample`).' })
  enteredSample!: string[];
  @Field(() => [String], { description: 'OneIDs of some who would leave (at most `sample`).' })
  leftSample!: string[];
}

@ObjectType({ description: 'A change of a static segment’s list of identifiers.' })
export class SegmentListChange {
  @Field(() => String, { description: 'The static segment.' }) name!: string;
  @Field(() => Int, { description: 'Identifiers newly listed, or taken off.' }) changed!: number;
  @Field(() => Int, { description: 'Identifiers the graph does not hold (skipped).' })
  unknown!: number;
  @Field(() => Int, { description: 'Persons in the segment afterwards.' }) count!: number;
}

@ObjectType({ description: 'A field a rule segment may test.' })
export class RuleFieldInfo {
  @Field(() => String, { description: 'The field as a rule names it.' }) name!: string;
  @Field(() => String, { description: 'number, string, date or set.' }) type!: string;
  @Field(() => String, { description: 'What it holds.' }) description!: string;
}
