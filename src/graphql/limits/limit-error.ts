import { GraphQLError } from 'graphql';

/**
 * An operation refused by a limit before it runs: QUERY_TOO_COMPLEX, HTTP 400, and
 * `extensions.limit` naming the limit (see GraphqlLimits in src/config.ts). Reported from a
 * validation rule, Apollo replaces the code with GRAPHQL_VALIDATION_FAILED (still 400).
 */
export function limitError(
  limit: 'aliases' | 'directives' | 'depth' | 'cost',
  message: string,
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, http: { status: 400 } },
  });
}
