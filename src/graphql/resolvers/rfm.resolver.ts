import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { sourceStats } from '../../ingest/source-stats.js';
import type { Context } from '../context.js';
import { pageInfo, pageWindow } from '../paging.js';
import {
  ChannelStats,
  PeopleOrder,
  PersonPage,
  SegmentStats,
  SourceStats,
} from '../types/analytics.types.js';
import type { Person } from '../types/person.type.js';
import { DateScalar } from '../scalars/date.scalar.js';
import { toChannelStats, toSegmentStats } from '../rfm-output.js';
import { AFTER, AS_OF, FIRST } from './arg-descriptions.js';

@Resolver()
export class RfmResolver {
  @Authorized('reader')
  @Query(() => [ChannelStats], { description: 'Purchases per channel, by revenue.' })
  async channelDistribution(@Ctx() ctx: Context): Promise<ChannelStats[]> {
    return (await ctx.app.rfm.channelDistribution()).map(toChannelStats);
  }

  @Authorized('reader')
  @Query(() => [SegmentStats], {
    description: 'Persons per RFM segment as of a date, by average monetary value.',
  })
  async segmentDistribution(
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string | null,
  ): Promise<SegmentStats[]> {
    return (await ctx.app.rfm.segmentDistribution(ctx.app.rfm.asOf(asOf))).map(toSegmentStats);
  }

  @Authorized('reader')
  @Query(() => PersonPage, {
    description: 'Persons with RFM as of a date, optionally of one segment.',
  })
  async people(
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string | null,
    @Arg('segment', () => String, {
      nullable: true,
      description: 'Only persons of this RFM segment (e.g. "At Risk"); default all.',
    })
    segment?: string | null,
    @Arg('orderBy', () => PeopleOrder, {
      defaultValue: PeopleOrder.MONETARY_DESC,
      description: 'Sort order of the whole selection.',
    })
    orderBy: PeopleOrder = PeopleOrder.MONETARY_DESC,
    @Arg('first', () => Int, { defaultValue: 20, description: FIRST }) first = 20,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after?: string | null,
  ): Promise<PersonPage> {
    const { offset, limit } = pageWindow(first, after);
    const all = await ctx.app.rfm.people(ctx.app.rfm.asOf(asOf), {
      segment: segment ?? null,
      orderBy,
    });
    const page = all.slice(offset, offset + limit);
    const persons = await ctx.loaders.person.loadMany(page.map((e) => e.pid));
    return {
      totalCount: all.length,
      nodes: persons.filter((p): p is Person => p !== null && !(p instanceof Error)),
      ...pageInfo(offset, page.length, all.length),
    };
  }

  @Authorized('reader')
  @Query(() => [SourceStats], {
    description: 'Rows per source, rejected, anonymous and duplicate lines.',
  })
  sourceStats(@Ctx() ctx: Context): Promise<SourceStats[]> {
    return sourceStats(ctx.app.db);
  }
}
