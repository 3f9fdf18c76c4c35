import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root, Authorized } from 'type-graphql';
import { InputError } from '../../errors.js';
import { idKey } from '../../identity/ids.js';
import { personRfmOf, personTagsOf } from '../../rfm/person-rfm.js';
import { MAX_ONE_ID, MAX_PERSONS_IDENTIFIERS, requireMaxLength } from '../../input-limits.js';
import type { Context } from '../context.js';
import { selectsAny } from '../selection.js';
import { toRfm } from '../rfm-output.js';
import { PersonConsent } from '../types/consent.types.js';
import { LinkExplanation, PersonChange } from '../types/history.type.js';
import { IdentifierInput } from '../types/identifier.input.js';
import { Identifier } from '../types/identifier.type.js';
import { Person } from '../types/person.type.js';
import { Profile } from '../types/profile.type.js';
import { Rfm } from '../types/rfm.type.js';
import { DateScalar } from '../scalars/date.scalar.js';
import { AS_OF } from './arg-descriptions.js';

/** The fields read with the person in one read when selected: its page beside the OneID. */
const PAGE_FIELDS: ReadonlySet<string> = new Set(['identifiers', 'profile', 'consent']);
/** The fields computed from the person's purchase summary, read with its page when selected. */
const SUMMARY_FIELDS: ReadonlySet<string> = new Set(['rfm', 'segments']);

/** What a selection of persons reads with each person: nothing, its page, its page and summary. */
type PageNeed = 'person' | 'page' | 'summary';

function pageNeed(info: GraphQLResolveInfo): PageNeed {
  if (selectsAny(info, SUMMARY_FIELDS)) return 'summary';
  return selectsAny(info, PAGE_FIELDS) ? 'page' : 'person';
}

/** The loader by identifier key for a selection: with what it shows read along. */
function byKey(ctx: Context, info: GraphQLResolveInfo) {
  const need = pageNeed(info);
  if (need === 'summary') return ctx.loaders.summaryPageByKey;
  return need === 'page' ? ctx.loaders.personPageByKey : ctx.loaders.personByKey;
}

/** RFM and tags of a person as of a date, from its own summary in the graph (see person-rfm). */
async function personRfm(ctx: Context, pid: number, asOf: string) {
  const [page] = await Promise.all([
    ctx.loaders.summaryPage.load(pid),
    ctx.app.rfm.tagger.ready?.(),
  ]);
  return personRfmOf(page ?? null, asOf, ctx.app.rfm.tagger);
}

@Resolver(() => Person)
export class PersonResolver {
  @Authorized('reader')
  @Query(() => Person, {
    nullable: true,
    description:
      'A person by OneID (a retired one gives its survivor) or by one of its identifiers.',
  })
  async person(
    @Ctx() ctx: Context,
    @Arg('oneId', () => String, {
      nullable: true,
      description: 'A OneID, current or retired; at most 64 characters.',
    })
    oneId: string | null | undefined,
    @Arg('identifier', () => IdentifierInput, {
      nullable: true,
      description: 'Any identifier of the person; give this or oneId, not both.',
    })
    identifier: IdentifierInput | null | undefined,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Person | null> {
    if ((oneId == null) === (identifier == null))
      throw new InputError('Give exactly one of oneId and identifier.', 'oneId');
    if (oneId == null)
      return byKey(ctx, info).load(
        idKey(ctx.app.identity.require(identifier as IdentifierInput, 'identifier')),
      );
    const id = requireMaxLength(oneId, MAX_ONE_ID, 'oneId');
    const need = pageNeed(info);
    if (need === 'summary') return ctx.loaders.summaryPageByOneId.load(id);
    if (need === 'page') return ctx.loaders.personPageByOneId.load(id);
    const pid = await ctx.loaders.pidByOneId.load(id);
    return pid === null ? null : ctx.loaders.person.load(pid);
  }

  @Authorized('reader')
  @Query(() => [Person], {
    nullable: 'items',
    description: `Persons by identifier, in the order given, null for an unknown one: up to ${MAX_PERSONS_IDENTIFIERS} identifiers, read together.`,
  })
  async persons(
    @Ctx() ctx: Context,
    @Arg('identifiers', () => [IdentifierInput], {
      description: `The identifiers to look up (at most ${MAX_PERSONS_IDENTIFIERS}); each counts as one in the query cost.`,
    })
    identifiers: IdentifierInput[],
    @Info() info: GraphQLResolveInfo,
  ): Promise<(Person | null)[]> {
    if (identifiers.length > MAX_PERSONS_IDENTIFIERS)
      throw new InputError(`At most ${MAX_PERSONS_IDENTIFIERS} identifiers.`, 'identifiers', {
        max: MAX_PERSONS_IDENTIFIERS,
      });
    const keys = identifiers.map((identifier, i) =>
      idKey(ctx.app.identity.require(identifier, `identifiers[${i}]`)),
    );
    const loader = byKey(ctx, info);
    return Promise.all(keys.map((key) => loader.load(key)));
  }

  @FieldResolver(() => [Identifier], {
    description: 'Every identifier of the person, inactive ones included.',
  })
  async identifiers(@Root() person: Person, @Ctx() ctx: Context): Promise<Identifier[]> {
    return (await ctx.loaders.details.load(person.pid)).identifiers;
  }

  @FieldResolver(() => Profile, {
    nullable: true,
    description: 'CRM profile; null for a person without a member_id.',
  })
  async profile(@Root() person: Person, @Ctx() ctx: Context): Promise<Profile | null> {
    return (await ctx.loaders.details.load(person.pid)).profile;
  }

  @FieldResolver(() => [PersonConsent], {
    description:
      'Consent per purpose (ads, email): the latest statement among its identifiers, granted false and at null without one. Read with its identifiers and profile.',
  })
  async consent(@Root() person: Person, @Ctx() ctx: Context): Promise<PersonConsent[]> {
    return (await ctx.loaders.details.load(person.pid)).consent;
  }

  @FieldResolver(() => Rfm, {
    nullable: true,
    description:
      'RFM as of a date (default: the reference date); null without purchases by then. Computed from the person’s purchase summary as the graph holds it when the request reads the person (with its page, in the same read), so it reflects every committed write, by any process.',
  })
  async rfm(
    @Root() person: Person,
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string | null,
  ): Promise<Rfm | null> {
    const date = ctx.app.rfm.asOf(asOf);
    const entry = await personRfm(ctx, person.pid, date);
    return entry ? toRfm(entry, date) : null;
  }

  @FieldResolver(() => [String], {
    description:
      'Tags as of a date: the RFM segment, channel_<name>, every saved segment it is in (rule, expression, static) and consent_<purpose>; from the same graph read as `rfm`, so consistent with every committed write. A person without purchases has no RFM segment but may be in other segments.',
  })
  async segments(
    @Root() person: Person,
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string | null,
  ): Promise<string[]> {
    const [page] = await Promise.all([
      ctx.loaders.summaryPage.load(person.pid),
      ctx.app.rfm.tagger.ready?.(),
    ]);
    return personTagsOf(page ?? null, ctx.app.rfm.asOf(asOf), ctx.app.rfm.tagger);
  }

  @FieldResolver(() => [String], { description: 'OneIDs of the persons merged into this one.' })
  async mergedFrom(@Root() person: Person, @Ctx() ctx: Context): Promise<string[]> {
    return (await ctx.loaders.history.load(person.pid))
      .filter((h) => h.kind === 'MERGED_FROM' && !h.undone)
      .map((h) => h.otherOneId);
  }

  @FieldResolver(() => [PersonChange], {
    description: 'Merges and splits that involved the person, in the order they happened.',
  })
  history(@Root() person: Person, @Ctx() ctx: Context): Promise<PersonChange[]> {
    return ctx.loaders.history.load(person.pid);
  }

  @Authorized('steward')
  @FieldResolver(() => [LinkExplanation], {
    description: 'The links that hold the person together (steward).',
  })
  explain(@Root() person: Person, @Ctx() ctx: Context): Promise<LinkExplanation[]> {
    return ctx.loaders.explain.load(person.pid);
  }
}
