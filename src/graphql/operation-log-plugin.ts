import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { DomainError } from '../errors.js';
import { elapsed } from '../log/elapsed.js';
import { requestLog } from '../log/request-log.js';

/**
 * Logs every GraphQL request once answered, to its request log: the operation's name as the
 * parsed document names it, its type, the duration and the codes of its errors. Never the
 * document, the variables or an error message, which may carry identifier values.
 */
export function operationLogPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operation, errors }) {
          const codes = (errors ?? []).map(codeOf);
          requestLog().info(
            {
              operation: operation?.name?.value ?? null,
              type: operation?.operation ?? null,
              ms: elapsed(started),
              ...(codes.length > 0 ? { errors: codes } : {}),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}

/** The code an error is answered with: a domain error's own, else GraphQL's or Apollo's. */
function codeOf(error: GraphQLError): unknown {
  const original = error.originalError;
  if (original instanceof DomainError) return original.code;
  return error.extensions.code ?? 'INTERNAL_SERVER_ERROR';
}
