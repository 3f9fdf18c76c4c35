import { Arg, Authorized, Ctx, Float, Int, Mutation, Query, Resolver } from 'type-graphql';
import { InputError } from '../../errors.js';
import {
  idMappingFromInput,
  upsertIdMappings as writeMappings,
} from '../../identity/id-mapping.js';
import type { IngestResult } from '../../identity/identity-service.js';
import { nowStamp } from '../../identity/ids.js';
import { resolveIds } from '../../identity/resolve-id.js';
import { identityStats, listConflicts } from '../../identity/steward-queries.js';
import { MAX_MAPPING_ROWS, MAX_SOURCE, requireMaxLength } from '../../input-limits.js';
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
      resolveIds(
        ctx.app.identity,
        [
          {
            type,
            value,
            links: links ?? [],
            ...(source ? { source } : {}),
            ...(confidence != null ? { confidence } : {}),
          },
        ],
        // top-level arguments: errors name `value`, `source`, `links[2].value`
        () => '',
      ),
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
      resolveIds(
        ctx.app.identity,
        inputs.map((i) => ({
          type: i.type,
          value: i.value,
          links: i.links ?? [],
          ...(i.source ? { source: i.source } : {}),
          ...(i.confidence != null ? { confidence: i.confidence } : {}),
        })),
      ),
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
    if (rows.length > MAX_MAPPING_ROWS)
      throw new InputError(`At most ${MAX_MAPPING_ROWS} rows per call.`, 'rows');
    const parsed = rows.map((r, i) => idMappingFromInput(ctx.app.identity, r, `rows[${i}]`));
    return change(ctx, await writeMappings(ctx.app.identity, parsed), parsed.length);
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
    if (!(confidence > 0 && confidence <= 1))
      throw new InputError('confidence must be in (0, 1].', 'confidence');
    requireMaxLength(source, MAX_SOURCE, 'source');
    const now = nowStamp();
    const result = await ctx.app.identity.ingest(
      {
        identifiers: [],
        links: [
          {
            a: ctx.app.identity.require(a, 'a'),
            b: ctx.app.identity.require(b, 'b'),
            source,
            confidence,
            firstSeen: now,
            lastSeen: now,
          },
        ],
      },
      `link by ${source}`,
    );
    return change(ctx, result, 1);
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
    const result = await ctx.app.identity.setLinkActive(a, b, false, 'steward');
    if (!result.found) throw new InputError('These identifiers are not linked.', 'b');
    return change(ctx, { ...result, skipped: [], quarantined: [] }, 1);
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

async function change(
  ctx: Context,
  result:
    | IngestResult
    | (Omit<IngestResult, 'skipped' | 'quarantined'> & { skipped: []; quarantined: [] }),
  written: number,
): Promise<IdentityChange> {
  const created = await ctx.loaders.person.loadMany(result.createdPids);
  return {
    written,
    createdOneIds: created.flatMap((p) => (p && !(p instanceof Error) ? [p.oneId] : [])),
    personsChanged: result.changedPids.length,
    personsRetired: result.retiredPids.length,
    newConflicts: result.conflicts,
    skipped: result.skipped.map((s) => `${s.ref.type}:${s.ref.value}: ${s.reason}`),
  };
}
