import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../errors.js';
import { inputFieldOf } from './input-field.js';
import { ScalarInputError } from './scalars/scalar-input-error.js';

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
 * BAD_USER_INPUT); a value a scalar refused, as a literal (a validation error for
 * graphql-js) or in a variable, is BAD_USER_INPUT naming the field; GraphQL's own validation
 * errors pass; anything else, a Neo4j or driver error above all, becomes "Unexpected error."
 * and is logged, never sent. Never throws.
 */
export function createFormatError(log: (message: string, error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (error instanceof GraphQLError) {
      const refused = scalarCause(error);
      if (refused) return refusedInput(formatted, error, refused);
    }
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

function refusedInput(
  formatted: GraphQLFormattedError,
  error: GraphQLError,
  refused: ScalarInputError,
): GraphQLFormattedError {
  const field = inputFieldOf(error);
  return {
    message: field ? refused.messageFor(field) : refused.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
  };
}

/** The ScalarInputError behind an error; graphql-js wraps it once or twice. */
function scalarCause(error: GraphQLError): ScalarInputError | null {
  let cause: unknown = error;
  while (cause instanceof GraphQLError) cause = cause.originalError;
  return cause instanceof ScalarInputError ? cause : null;
}
