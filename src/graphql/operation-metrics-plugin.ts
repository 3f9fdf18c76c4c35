import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Histogram } from 'prom-client';
import { OperationNames } from '../metrics/operation-names.js';

/**
 * Observes every GraphQL request, from `requestDidStart` to `willSendResponse`, in
 * `histogram` labelled `operation`: the name of the operation resolved in the parsed
 * document, bounded by `OperationNames` ("anonymous" without one, or when the document did
 * not parse). The client's `operationName` field is never used as a label.
 */
export function operationMetricsPlugin<TContext extends BaseContext>(
  histogram: Histogram<'operation'>,
  names = new OperationNames(),
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const end = histogram.startTimer();
      return {
        async willSendResponse({ operation }) {
          end({ operation: names.label(operation?.name?.value) });
        },
      };
    },
  };
}
