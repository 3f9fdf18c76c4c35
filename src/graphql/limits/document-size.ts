import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import type { GraphqlLimits } from '../../config.js';

/** Why a document is too large to be parsed. */
export interface SizeExcess {
  readonly limit: 'bytes' | 'tokens';
  readonly message: string;
}

/**
 * What makes a document longer than `maxBytes` or `maxTokens`, or undefined. Reads at most
 * `maxTokens + 1` tokens; a document the lexer rejects is left to the parser to report.
 */
export function documentSizeExcess(
  source: string,
  limits: Pick<GraphqlLimits, 'maxBytes' | 'maxTokens'>,
): SizeExcess | undefined {
  // a UTF-16 unit is at most 3 UTF-8 bytes, so a short string needs no counting
  if (source.length * 3 > limits.maxBytes) {
    const bytes = Buffer.byteLength(source, 'utf8');
    if (bytes > limits.maxBytes)
      return {
        limit: 'bytes',
        message: `The GraphQL document is ${bytes} bytes; the limit is ${limits.maxBytes}.`,
      };
  }
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++tokens > limits.maxTokens)
        return {
          limit: 'tokens',
          message: `The GraphQL document has more than ${limits.maxTokens} tokens, the limit.`,
        };
    }
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
  }
  return undefined;
}
