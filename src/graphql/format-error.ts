import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../errors.js';

/** Codes produced by GraphQL itself or Apollo that are safe to pass on as they are. */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
]);

/** Apollo's refusals of a malformed APQ request, which carry no code: a client's mistake. */
const APQ_REFUSALS = new Set([
  'provided sha does not match query',
  'Unsupported persisted query version',
]);

/**
 * Apollo's formatError: domain errors keep their code and message (and the field of a
 * BAD_USER_INPUT); GraphQL's own validation errors pass; anything else, a Neo4j or driver
 * error above all, becomes "Unexpected error." and is logged, never sent. Never throws.
 */
export function createFormatError(log: (message: string, error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof DomainError) {
      return {
        message: original.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: original.code, ...original.details },
      };
    }
    if (original instanceof GraphQLError && APQ_REFUSALS.has(original.message))
      return { message: original.message, extensions: { code: 'BAD_REQUEST' } };
    const code = formatted.extensions?.code;
    if (
      typeof code === 'string' &&
      PASS_THROUGH.has(code) &&
      !(original instanceof Error && !(original instanceof GraphQLError))
    ) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    log('Unexpected error in a GraphQL request', original);
    return {
      message: 'Unexpected error.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
