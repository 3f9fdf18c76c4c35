import { Arg, Authorized, Ctx, Float, Int, Mutation, Query, Resolver } from 'type-graphql';
import { InputError } from '../../errors.js';
import {
  link,
  resolveIds,
  unlink,
  upsertMappings,
  type CommandResult,
} from '../../identity/identity-commands.js';
import { identityStats, listConflicts } from '../../identity/steward-queries.js';
import { timed } from '../../metrics/service-metrics.js';
import type { Context } from '../context.js';
import { IdentifierInput } from '../types/identifier.input.js';
import {
  IdentityChange,
  IdMappingInput,
  MatchedBy,
  ResolveIdInput,
  ResolveIdResult,
} from '../types/resolve.types.js';
import { Conflict, IdentityStats } from '../types/steward.types.js';
import { FIRST } from './arg-descriptions.js';

@Resolver()
export class IdentityResolver {
  @Authorized('service')
  @Mutation(() => ResolveIdResult, {
    description: 'The OneID of an identifier, creating the person when it is new.',
  })
  async resolveId(
    @Ctx() ctx: Context,
    @Arg('type', () => String, {
      description: 'Identifier type, as in IdentifierInput.type, or the raw "mobile" / "email".',
    })
    type: string,
    @Arg('value', () => String, { description: 'Identifier value; at most 256 characters.' })
    value: string,
    @Arg('links', () => [IdentifierInput], {
      nullable: true,
      description: 'Identifiers of the same person to link to it; at most 100.',
    })
    links?: IdentifierInput[] | null,
    @Arg('source', () => String, {
      nullable: true,
      description: 'Source recorded on the links; at most 64 characters.',
    })
    source?: string | null,
    @Arg('confidence', () => Float, {
      nullable: true,
      description: 'Confidence of the links, in (0, 1]; default 1.0.',
    })
    confidence?: number | null,
  ): Promise<ResolveIdResult> {
    const [result] = await timed(ctx.app.metrics.resolveIdDuration, { call: 'resolveId' }, () =>
      // top-level arguments: errors name `value`, `source`, `links[2].value`
      resolveIds(ctx.app.identity, [{ type, value, links, source, confidence }], () => ''),
    );
    return { ...(result as ResolveIdResult), matchedBy: result?.matchedBy as MatchedBy };
  }

  @Authorized('service')
  @Mutation(() => [ResolveIdResult], {
    description: 'resolveId for up to 1,000 identifiers, in order.',
  })
  async resolveIds(
    @Ctx() ctx: Context,
    @Arg('inputs', () => [ResolveIdInput], {
      description: 'Up to 1,000 identifiers, with at most 1,000 links in all.',
    })
    inputs: ResolveIdInput[],
  ): Promise<ResolveIdResult[]> {
    const results = await timed(ctx.app.metrics.resolveIdDuration, { call: 'resolveIds' }, () =>
      resolveIds(ctx.app.identity, inputs),
    );
    return results.map((r) => ({ ...r, matchedBy: r.matchedBy as MatchedBy }));
  }

  @Authorized('service')
  @Mutation(() => IdentityChange, {
    description: 'Rows of an external ID graph with MERGE INTO semantics.',
  })
  async upsertIdMappings(
    @Ctx() ctx: Context,
    @Arg('rows', () => [IdMappingInput], { description: 'Up to 1,000 rows.' })
    rows: IdMappingInput[],
  ): Promise<IdentityChange> {
    return change(ctx, await upsertMappings(ctx.app.identity, rows));
  }

  @Authorized('steward')
  @Mutation(() => IdentityChange, {
    description:
      'Links two identifiers (or re-activates their link) and merges their persons if admissible.',
  })
  async linkIdentifiers(
    @Ctx() ctx: Context,
    @Arg('a', () => IdentifierInput, { description: 'One identifier.' }) a: IdentifierInput,
    @Arg('b', () => IdentifierInput, { description: 'The other identifier.' }) b: IdentifierInput,
    @Arg('confidence', () => Float, {
      defaultValue: 1,
      description: 'Confidence of the link, in (0, 1].',
    })
    confidence: number,
    @Arg('source', () => String, {
      defaultValue: 'steward',
      description: 'Source recorded on the link; at most 64 characters.',
    })
    source: string,
  ): Promise<IdentityChange> {
    return change(ctx, await link(ctx.app.identity, { a, b, confidence, source }));
  }

  @Authorized('steward')
  @Mutation(() => IdentityChange, {
    description:
      'Deactivates the link between two identifiers; the person splits if nothing else holds it together.',
  })
  async unlinkIdentifiers(
    @Ctx() ctx: Context,
    @Arg('a', () => IdentifierInput, { description: 'One identifier.' }) a: IdentifierInput,
    @Arg('b', () => IdentifierInput, { description: 'The other identifier.' }) b: IdentifierInput,
  ): Promise<IdentityChange> {
    return change(ctx, await unlink(ctx.app.identity, { a, b }));
  }

  @Authorized('steward')
  @Query(() => [Conflict], { description: 'Links kept out of merging, newest first.' })
  conflicts(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 50, description: FIRST }) first: number,
    @Arg('offset', () => Int, { defaultValue: 0, description: 'Conflicts to skip, 0 or more.' })
    offset: number,
  ): Promise<Conflict[]> {
    if (first < 1 || first > 1000)
      throw new InputError('first must be between 1 and 1000.', 'first');
    if (offset < 0) throw new InputError('offset must not be negative.', 'offset');
    return listConflicts(ctx.app.db, offset, first);
  }

  @Authorized('steward')
  @Query(() => IdentityStats, { description: 'Size and health of the identity graph (steward).' })
  identityStats(@Ctx() ctx: Context): Promise<IdentityStats> {
    return identityStats(ctx.app.db);
  }
}

/** The GraphQL shape of what an identity command changed. */
async function change(ctx: Context, result: CommandResult): Promise<IdentityChange> {
  const created = await ctx.loaders.person.loadMany(result.createdPids);
  return {
    written: result.written,
    createdOneIds: created.flatMap((p) => (p && !(p instanceof Error) ? [p.oneId] : [])),
    personsChanged: result.changedPids.length,
    personsRetired: result.retiredPids.length,
    newConflicts: result.conflicts,
    skipped: result.skipped.map((s) => `${s.ref.type}:${s.ref.value}: ${s.reason}`),
  };
}
