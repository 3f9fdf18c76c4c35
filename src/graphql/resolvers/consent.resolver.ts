import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { setConsent } from '../../consent/set-consent.js';
import type { ConsentPurpose as Purpose } from '../../consent/purposes.js';
import type { Context } from '../context.js';
import { DateTimeScalar } from '../scalars/date-time.scalar.js';
import { ConsentChange, ConsentPurpose } from '../types/consent.types.js';
import { IdentifierInput } from '../types/identifier.input.js';

@Resolver()
export class ConsentResolver {
  @Authorized('service')
  @Mutation(() => ConsentChange, {
    description:
      'States consent for one purpose on an identifier (created with its person when new, like resolveId). An older statement than the stored one changes nothing. The person’s segments and bitmaps follow through the change feed; extensions.sequence is the write’s sequence.',
  })
  setConsent(
    @Ctx() ctx: Context,
    @Arg('identifier', () => IdentifierInput, {
      description: 'The identifier the statement is about.',
    })
    identifier: IdentifierInput,
    @Arg('purpose', () => ConsentPurpose, { description: 'The purpose consented to or withdrawn.' })
    purpose: Purpose,
    @Arg('granted', () => Boolean, { description: 'True grants, false withdraws.' })
    granted: boolean,
    @Arg('at', () => DateTimeScalar, {
      nullable: true,
      description:
        'When the statement was made (default now); at most a minute ahead of the service’s clock.',
    })
    at?: string | null,
  ): Promise<ConsentChange> {
    return setConsent(ctx.app.identity, ctx.app.personPages, { identifier, purpose, granted, at });
  }
}
