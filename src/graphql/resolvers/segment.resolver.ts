import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requireFound } from '../../segments/audience-packages.js';
import type { Context } from '../context.js';
import { pageInfo, pageWindow } from '../paging.js';
import { PersonPage } from '../types/analytics.types.js';
import type { Person } from '../types/person.type.js';
import type { ConsentPurpose as Purpose } from '../../consent/purposes.js';
import { ConsentPurpose } from '../types/consent.types.js';
import { Audience, AudiencePackage, SegmentTag } from '../types/segment.types.js';
import { DateScalar } from '../scalars/date.scalar.js';
import { AFTER, AS_OF, FIRST } from './arg-descriptions.js';

async function personPage(
  ctx: Context,
  members: Uint32Array,
  first: number,
  after: string | null | undefined,
): Promise<PersonPage> {
  const { offset, limit } = pageWindow(first, after);
  const pids = Array.from(members.subarray(offset, offset + limit));
  const persons = await ctx.loaders.person.loadMany(pids);
  return {
    totalCount: members.length,
    nodes: persons.filter((p): p is Person => p !== null && !(p instanceof Error)),
    ...pageInfo(offset, pids.length, members.length),
  };
}

@Resolver(() => Audience)
export class AudienceResolver {
  @Authorized('reader')
  @Query(() => [SegmentTag], {
    description:
      'Every tag that has persons, with its person count (savedSegments lists saved segments without members too).',
  })
  segments(
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string | null,
  ): Promise<SegmentTag[]> {
    return ctx.app.audiences.list(ctx.app.rfm.asOf(asOf));
  }

  @Authorized('reader')
  @Query(() => Audience, {
    description:
      'Tags combined with AND, OR, ANDNOT, XOR, parentheses, ALL(...) and ANY(...); quote names with spaces: ("At Risk" AND "High Value") ANDNOT channel_miniapp.',
  })
  async audience(
    @Ctx() ctx: Context,
    @Arg('expression', () => String, {
      description: 'Tag expression (see the query description); at most 10,000 characters.',
    })
    expression: string,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string | null,
  ): Promise<Audience> {
    const date = ctx.app.rfm.asOf(asOf);
    return { expression, asOf: date, count: await ctx.app.audiences.count(expression, date) };
  }

  @FieldResolver(() => PersonPage, { description: 'The selected persons by integer id.' })
  async persons(
    @Root() audience: Audience,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 20, description: FIRST }) first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after?: string | null,
  ): Promise<PersonPage> {
    const members = await ctx.app.audiences.members(audience.expression, audience.asOf);
    return personPage(ctx, members.toUint32Array(), first, after);
  }
}

@Resolver(() => AudiencePackage)
export class AudiencePackageResolver {
  @Authorized('service')
  @Mutation(() => AudiencePackage, {
    description:
      'Stores the members of an expression as a package for ad platforms: frozen, or live (re-evaluated as the tags change; each change is a version, see audienceDelta).',
  })
  async createAudiencePackage(
    @Ctx() ctx: Context,
    @Arg('id', () => String, { description: 'New package id: 1 to 64 of A-Z a-z 0-9 _ . -' })
    id: string,
    @Arg('name', () => String, { description: 'Display name; at most 200 characters.' })
    name: string,
    @Arg('expression', () => String, {
      description: 'Tag expression selecting the members, as in `audience`.',
    })
    expression: string,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string | null,
    @Arg('replace', () => Boolean, {
      defaultValue: false,
      description: 'Overwrite a package with the same id; without it that is a CONFLICT error.',
    })
    replace = false,
    @Arg('live', () => Boolean, {
      defaultValue: false,
      description:
        'Re-evaluate the package whenever the tag bitmaps change (as of the reference date); each change of its members or consented members is a new version, for audienceDelta.',
    })
    live = false,
    @Arg('refreshEveryMinutes', () => Int, {
      nullable: true,
      description:
        'A live package is also re-evaluated this often (the reference date moves); 1 to 10080.',
    })
    refreshEveryMinutes?: number | null,
  ): Promise<AudiencePackage> {
    const pkg = await ctx.app.packages.create({
      id,
      name,
      expression,
      asOf: live ? ctx.app.rfm.referenceDate() : ctx.app.rfm.asOf(asOf),
      replace,
      live,
      refreshEveryMinutes: refreshEveryMinutes ?? null,
    });
    // a package read earlier in this operation is now another one
    ctx.loaders.audiencePackage.clear(id).prime(id, pkg);
    return pkg;
  }

  @Authorized('reader')
  @Query(() => AudiencePackage, { nullable: true, description: 'A package by id; null if none.' })
  audiencePackage(
    @Ctx() ctx: Context,
    @Arg('id', () => String, { description: 'The package id.' }) id: string,
  ): Promise<AudiencePackage | null> {
    return ctx.loaders.audiencePackage.load(id);
  }

  @Authorized('reader')
  @Query(() => [AudiencePackage], { description: 'Every package, newest first.' })
  audiencePackages(@Ctx() ctx: Context): Promise<AudiencePackage[]> {
    return ctx.app.packages.list();
  }

  @FieldResolver(() => PersonPage, {
    description:
      'Members of the latest version; a member merged since then appears as its survivor in exports.',
  })
  async persons(
    @Root() pkg: AudiencePackage,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 20, description: FIRST }) first: number,
    @Arg('after', () => String, { nullable: true, description: AFTER }) after?: string | null,
    @Arg('purpose', () => ConsentPurpose, {
      nullable: true,
      description:
        'Only the members consenting to this purpose (what an export for it sends); omitted: every member (internal use only).',
    })
    purpose?: Purpose | null,
  ): Promise<PersonPage> {
    const full = requireFound(await ctx.loaders.audiencePackage.load(pkg.id), pkg.id);
    const members = purpose
      ? (await ctx.app.consents.filter(full.members, purpose)).members
      : full.members;
    return personPage(ctx, members.toUint32Array(), first, after);
  }

  @FieldResolver(() => Int, {
    description:
      'Members of the latest version an export for `purpose` leaves out because they do not consent to it.',
  })
  async leftOutWithoutConsent(
    @Root() pkg: AudiencePackage,
    @Ctx() ctx: Context,
    @Arg('purpose', () => ConsentPurpose, { description: 'The purpose of the export.' })
    purpose: Purpose,
  ): Promise<number> {
    const full = requireFound(await ctx.loaders.audiencePackage.load(pkg.id), pkg.id);
    return (await ctx.app.consents.filter(full.members, purpose)).leftOut;
  }
}
