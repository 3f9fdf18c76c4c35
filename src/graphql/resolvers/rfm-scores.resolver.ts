import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Rfm, RfmScores } from '../types/rfm.type.js';

@Resolver(() => Rfm)
export class RfmScoresResolver {
  @FieldResolver(() => RfmScores, {
    description:
      'The person’s quintile scores among everyone with RFM as of the same date. The person’s own figures come from the graph as of the request; the population they are ranked in is this process’s view of everyone’s summaries, which follows writes by other processes with a delay.',
  })
  async scores(@Root() rfm: Rfm, @Ctx() ctx: Context): Promise<RfmScores> {
    return (await ctx.app.rfm.view(rfm.asOf)).scoresOf(rfm.figures);
  }
}
