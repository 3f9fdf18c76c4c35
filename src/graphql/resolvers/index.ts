import type { NonEmptyArray } from 'type-graphql';
import { AudienceDeltaResolver } from './audience-delta.resolver.js';
import { ConsentResolver } from './consent.resolver.js';
import { IdentityResolver } from './identity.resolver.js';
import { PersonResolver } from './person.resolver.js';
import { RfmResolver } from './rfm.resolver.js';
import { RfmScoresResolver } from './rfm-scores.resolver.js';
import { SavedSegmentResolver } from './saved-segment.resolver.js';
import { AudiencePackageResolver, AudienceResolver } from './segment.resolver.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own signature
export const resolvers: NonEmptyArray<Function> = [
  PersonResolver,
  IdentityResolver,
  RfmResolver,
  RfmScoresResolver,
  AudienceResolver,
  AudiencePackageResolver,
  SavedSegmentResolver,
  ConsentResolver,
  AudienceDeltaResolver,
];
