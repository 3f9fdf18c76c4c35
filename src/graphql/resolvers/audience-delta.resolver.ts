import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { audienceDelta } from '../../segments/audience-delta.js';
import type { Context } from '../context.js';
import type { ConsentPurpose as Purpose } from '../../consent/purposes.js';
import { AudienceDelta } from '../types/audience-delta.types.js';
import { ConsentPurpose } from '../types/consent.types.js';

@Resolver(() => AudienceDelta)
export class AudienceDeltaResolver {
  @Authorized('reader')
  @Query(() => AudienceDelta, {
    description:
      'Counts of the persons who entered and left a package’s consented set since a version; NOT_FOUND for an unknown package, BAD_USER_INPUT (field sinceVersion) for a version not kept.',
  })
  async audienceDelta(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'The package id.' }) id: string,
    @Arg('sinceVersion', () => Int, {
      description: 'The version the caller last synced; 0 for none (everyone is an enter).',
    })
    sinceVersion: number,
    @Arg('purpose', () => ConsentPurpose, {
      description: 'Only persons consenting to this purpose count.',
    })
    purpose: Purpose,
  ): Promise<AudienceDelta> {
    const d = await audienceDelta(ctx.app.db, id, sinceVersion, purpose);
    return {
      fromVersion: d.fromVersion,
      toVersion: d.toVersion,
      entered: d.entered.size,
      left: d.left.size,
      leftOutWithoutConsent: d.leftOutWithoutConsent,
    };
  }
}
