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

@Resolver()
export class RfmResolver {
  @Authorized('reader')
  @Query(() => [ChannelStats], { description: 'Purchases per channel, by revenue.' })
  channelDistribution(@Ctx() ctx: Context): Promise<ChannelStats[]> {
    return ctx.app.rfm.channelDistribution();
  }

  @Authorized('reader')
  @Query(() => [SegmentStats], {
    description: 'Persons per RFM segment as of a date, by average monetary value.',
  })
  segmentDistribution(
    @Ctx() ctx: Context,
    @Arg('asOf', () => String, { nullable: true }) asOf?: string | null,
  ): Promise<SegmentStats[]> {
    return ctx.app.rfm.segmentDistribution(ctx.app.rfm.asOf(asOf));
  }

  @Authorized('reader')
  @Query(() => PersonPage, {
    description: 'Persons with RFM as of a date, optionally of one segment.',
  })
  async people(
    @Ctx() ctx: Context,
    @Arg('asOf', () => String, { nullable: true }) asOf?: string | null,
    @Arg('segment', () => String, { nullable: true }) segment?: string | null,
    @Arg('orderBy', () => PeopleOrder, { defaultValue: PeopleOrder.MONETARY_DESC })
    orderBy: PeopleOrder = PeopleOrder.MONETARY_DESC,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
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
