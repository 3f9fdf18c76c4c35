import type { NonEmptyArray } from 'type-graphql';
import { PersonResolver } from './person.resolver.js';

export const resolvers: NonEmptyArray<Function> = [PersonResolver];
