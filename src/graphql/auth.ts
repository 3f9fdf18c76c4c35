import type { AuthChecker } from 'type-graphql';
import type { Role } from '../config.js';
import { ForbiddenError } from '../errors.js';
import type { Context } from './context.js';

/** Roles include the ones below them: steward ⊃ service ⊃ reader. */
const rank: Record<Role, number> = { reader: 1, service: 2, steward: 3 };

export function hasRole(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}

/** `@Authorized('service')`: the caller's key must carry that role or a higher one. */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  const required = roles[0] ?? 'reader';
  if (hasRole(context.role, required)) return true;
  throw new ForbiddenError(
    `This operation needs the ${required} role; the API key has ${context.role}.`,
  );
};
