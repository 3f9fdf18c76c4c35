import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ConsentPurpose as Purpose } from '../../consent/purposes.js';
import { DateTimeScalar } from '../scalars/date-time.scalar.js';

/** The GraphQL names of CONSENT_PURPOSES; each value is the purpose itself. */
export const ConsentPurpose = { ADS: 'ads', EMAIL: 'email' } as const satisfies Record<
  string,
  Purpose
>;
registerEnumType(ConsentPurpose, {
  name: 'ConsentPurpose',
  description: 'What a person consents to.',
  valuesConfig: {
    ADS: { description: 'Advertising: audiences sent to ad platforms.' },
    EMAIL: { description: 'Email marketing.' },
  },
});

@ObjectType({
  description:
    'A person’s effective consent for one purpose: of the statements on its identifiers (CRM column, consent event, setConsent) the latest wins, a withdrawal on equal times.',
})
export class PersonConsent {
  @Field(() => ConsentPurpose, { description: 'The purpose.' }) purpose!: Purpose;
  @Field(() => Boolean, { description: 'Consent granted; false without any statement.' })
  granted!: boolean;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the winning statement was made; null without any statement.',
  })
  at!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Where the winning statement came from: crm, event or api; null without one.',
  })
  source!: string | null;
}

@ObjectType({ description: 'The person a consent statement was recorded on, after it.' })
export class ConsentChange {
  @Field(() => ID, { description: 'OneID of the person holding the identifier.' }) oneId!: string;
  @Field(() => Int, { description: 'The person’s integer id.' }) pid!: number;
  @Field(() => [PersonConsent], { description: 'Its effective consent per purpose.' })
  consent!: PersonConsent[];
}
