import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getVariableValues } from 'graphql';
import { limitError } from './limit-error.js';
import { operationCost } from './operation-cost.js';

/**
 * Refuses an operation costing more than `maxCost` (see operationCost) with the request's
 * variables, once the operation is resolved and before it runs. A validation rule cannot do
 * this: it does not see the variables, and Apollo caches a validated document for every set
 * of variables to come.
 */
export function costLimitPlugin<TContext extends BaseContext>(
  maxCost: number,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // no operation: execution reports it; variables that do not coerce: execution
          // refuses them before any resolver runs
          if (!operation) return;
          const variables = getVariableValues(
            schema,
            operation.variableDefinitions ?? [],
            request.variables ?? {},
            { maxErrors: 1 },
          );
          if (!variables.coerced) return;
          let cost: number;
          try {
            cost = operationCost(schema, document, operation, variables.coerced);
          } catch (error) {
            if (!(error instanceof RangeError)) throw error;
            cost = Infinity;
          }
          if (cost > maxCost)
            throw limitError(
              'cost',
              Number.isFinite(cost)
                ? `Query cost ${cost} exceeds the limit of ${maxCost}.`
                : `Query cost is beyond counting; the limit is ${maxCost}.`,
            );
        },
      };
    },
  };
}
