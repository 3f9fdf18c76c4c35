import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ChangeFeed } from '../rfm/change-feed.js';

/**
 * Adds `extensions.sequence` to the response of every executed operation: for a mutation, the highest change
 * feed sequence this process has committed (at least the mutation's own writes: send it as
 * `x-oneid-min-seq` to read them on any replica); for a query, the sequence this process had
 * applied when it answered.
 */
export function sequencePlugin<TContext extends BaseContext>(
  feed: Pick<ChangeFeed, 'sequence' | 'committed'>,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, response }) {
          // only an executed operation: a refused one answered nothing as of any sequence
          if (response.body.kind !== 'single' || !('data' in response.body.singleResult)) return;
          const sequence = operation?.operation === 'mutation' ? feed.committed : feed.sequence;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, sequence };
        },
      };
    },
  };
}
