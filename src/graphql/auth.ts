import type { AuthChecker } from 'type-graphql';
import type { Role } from '../config.js';
import { ForbiddenError } from '../errors.js';
import type { Context } from './context.js';

/**
 * What each role may do besides its own: services (resolveId, loads, packages) and marketers
 * (saved segments) read; stewards may do everything.
 */
const includes: Record<Role, readonly Role[]> = {
  reader: ['reader'],
  service: ['service', 'reader'],
  marketer: ['marketer', 'reader'],
  steward: ['steward', 'marketer', 'service', 'reader'],
};

export function hasRole(actual: Role, required: Role): boolean {
  return includes[actual].includes(required);
}

/** `@Authorized('service')`: the caller's key must carry that role or one that includes it. */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  const required = roles[0] ?? 'reader';
  if (hasRole(context.role, required)) return true;
  throw new ForbiddenError(
    `This operation needs the ${required} role; the API key has ${context.role}.`,
  );
};
