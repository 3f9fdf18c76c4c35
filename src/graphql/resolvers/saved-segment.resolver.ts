import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { InputError } from '../../errors.js';
import { MAX_PREVIEW_SAMPLE } from '../../input-limits.js';
import { RULE_FIELDS } from '../../segments/rule/index.js';
import type { SegmentPreview as Preview } from '../../segments/segment-service.js';
import type { Context } from '../context.js';
import { IdentifierInput } from '../types/identifier.input.js';
import {
  GroupRuleInput,
  RuleFieldInfo,
  SavedSegment,
  SegmentInput,
  SegmentListChange,
  SegmentPreview,
} from '../types/saved-segment.types.js';

const NAME = 'The segment’s name (any spelling of its tag: `big_spenders` finds "Big spenders").';
const SAMPLE = `Persons listed in each sample, 0 to ${MAX_PREVIEW_SAMPLE}.`;

function checkSample(sample: number): number {
  if (!Number.isInteger(sample) || sample < 0 || sample > MAX_PREVIEW_SAMPLE)
    throw new InputError(`sample: 0 to ${MAX_PREVIEW_SAMPLE}, got ${sample}.`, 'sample');
  return sample;
}

/** Samples as OneIDs (one read for all of them). */
async function withOneIds(ctx: Context, previews: readonly Preview[]): Promise<SegmentPreview[]> {
  const pids = previews.flatMap((p) => [...p.enteredPids, ...p.leftPids]);
  const persons = await ctx.loaders.person.loadMany(pids);
  const oneIds = new Map<number, string>();
  persons.forEach((p, i) => {
    if (p && !(p instanceof Error)) oneIds.set(pids[i] as number, p.oneId);
  });
  const names = (list: readonly number[]) =>
    list.map((pid) => oneIds.get(pid)).filter((o): o is string => o !== undefined);
  return previews.map((p) => ({
    name: p.name,
    count: p.count,
    currentCount: p.currentCount,
    entered: p.entered,
    left: p.left,
    enteredSample: names(p.enteredPids),
    leftSample: names(p.leftPids),
  }));
}

@Resolver(() => SavedSegment)
export class SavedSegmentResolver {
  @Authorized('reader')
  @Query(() => [SavedSegment], {
    description:
      'The saved segments with their definitions, counts, versions and update times, in the order they were defined.',
  })
  savedSegments(@Ctx() ctx: Context): Promise<SavedSegment[]> {
    return ctx.app.savedSegments.list() as Promise<SavedSegment[]>;
  }

  @Authorized('reader')
  @Query(() => SavedSegment, { nullable: true, description: 'A saved segment by name.' })
  savedSegment(
    @Ctx() ctx: Context,
    @Arg('name', () => String, { description: NAME }) name: string,
  ) {
    return ctx.app.savedSegments.get(name) as Promise<SavedSegment | null>;
  }

  @Authorized('reader')
  @Query(() => [RuleFieldInfo], { description: 'The fields a rule segment may test.' })
  segmentRuleFields(): RuleFieldInfo[] {
    return RULE_FIELDS.map((f) => ({ name: f.name, type: f.type, description: f.description }));
  }

  @Authorized('marketer')
  @Mutation(() => SavedSegment, {
    description:
      'Defines a saved segment; its bitmap is evaluated over everyone before this returns and kept current from then on. A malformed rule or expression, an unknown field or segment, or a cycle is BAD_USER_INPUT with the position; a name in use is CONFLICT.',
  })
  async defineSegment(
    @Ctx() ctx: Context,
    @Arg('input', () => SegmentInput, { description: 'The new segment.' }) input: SegmentInput,
  ) {
    return (await ctx.app.savedSegments.define(input)).value as SavedSegment;
  }

  @Authorized('marketer')
  @Mutation(() => SavedSegment, {
    description:
      'Changes a saved segment’s definition (its kind stays), one version up; with expectedVersion, only from that version (else CONFLICT).',
  })
  async updateSegment(
    @Ctx() ctx: Context,
    @Arg('name', () => String, { description: NAME }) name: string,
    @Arg('definition', () => String, {
      nullable: true,
      description: 'The new rule or expression; omitted: unchanged.',
    })
    definition?: string | null,
    @Arg('description', () => String, {
      nullable: true,
      description: 'The new description; omitted: unchanged.',
    })
    description?: string | null,
    @Arg('rank', () => Int, {
      nullable: true,
      description: 'Its new place in its group; omitted: unchanged.',
    })
    rank?: number | null,
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description: 'Change only if this is still its version (else CONFLICT).',
    })
    expectedVersion?: number | null,
  ) {
    return (
      await ctx.app.savedSegments.update(name, {
        definition,
        ...(description === undefined ? {} : { description }),
        rank,
        expectedVersion,
      })
    ).value as SavedSegment;
  }

  @Authorized('marketer')
  @Mutation(() => SavedSegment, {
    description:
      'Deletes a saved segment and its bitmap; refused (BAD_USER_INPUT) while another segment names it. Returns what was deleted.',
  })
  async deleteSegment(
    @Ctx() ctx: Context,
    @Arg('name', () => String, { description: NAME }) name: string,
  ) {
    const { value } = await ctx.app.savedSegments.delete(name);
    return { ...value, count: 0, dependsOn: [], usedBy: [] } as SavedSegment;
  }

  @Authorized('marketer')
  @Mutation(() => SegmentListChange, {
    description:
      'Lists identifiers in a static segment (up to 100,000 a call); the persons holding them become members, and stay so through merges and splits.',
  })
  addToSegment(
    @Ctx() ctx: Context,
    @Arg('name', () => String, { description: NAME }) name: string,
    @Arg('identifiers', () => [IdentifierInput], { description: 'At most 100,000 identifiers.' })
    identifiers: IdentifierInput[],
  ): Promise<SegmentListChange> {
    return ctx.app.savedSegments.addIdentifiers(name, identifiers);
  }

  @Authorized('marketer')
  @Mutation(() => SegmentListChange, {
    description: 'Takes identifiers off a static segment’s list (up to 100,000 a call).',
  })
  removeFromSegment(
    @Ctx() ctx: Context,
    @Arg('name', () => String, { description: NAME }) name: string,
    @Arg('identifiers', () => [IdentifierInput], { description: 'At most 100,000 identifiers.' })
    identifiers: IdentifierInput[],
  ): Promise<SegmentListChange> {
    return ctx.app.savedSegments.removeIdentifiers(name, identifiers);
  }

  @Authorized('reader')
  @Query(() => SegmentPreview, {
    description:
      'What defining or changing a segment would do: its count, and how many persons would enter and leave it (with samples), computed with bitmaps. Writes nothing.',
  })
  async previewSegment(
    @Ctx() ctx: Context,
    @Arg('input', () => SegmentInput, { description: 'The segment as it would be defined.' })
    input: SegmentInput,
    @Arg('sample', () => Int, { defaultValue: 10, description: SAMPLE }) sample: number,
  ): Promise<SegmentPreview> {
    const preview = await ctx.app.savedSegments.preview(input, checkSample(sample));
    return (await withOneIds(ctx, [preview]))[0] as SegmentPreview;
  }

  @Authorized('reader')
  @Query(() => [SegmentPreview], {
    description:
      'What a changed ordered set of rules of a group (the RFM segments: group "rfm") would do: per segment, its count and who would enter and leave. Writes nothing.',
  })
  async previewSegmentGroup(
    @Ctx() ctx: Context,
    @Arg('segments', () => [GroupRuleInput], { description: 'The rules in their new order.' })
    segments: GroupRuleInput[],
    @Arg('group', () => String, { defaultValue: 'rfm', description: 'The ordered group.' })
    group: string,
    @Arg('sample', () => Int, { defaultValue: 10, description: SAMPLE }) sample: number,
  ): Promise<SegmentPreview[]> {
    const previews = await ctx.app.savedSegments.previewGroup(group, segments, checkSample(sample));
    return withOneIds(ctx, previews);
  }
}
