import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createFormatError } from '../../src/graphql/format-error.js';

describe('formatError', () => {
  const logged: unknown[] = [];
  const format = createFormatError((_message, error) => logged.push(error));

  it('never lets a Neo4j message, Cypher or stack reach the client', () => {
    const neo = new Neo4jError(
      'Invalid input ... MATCH (i:Identifier {key: $k})',
      'Neo.ClientError.Statement.SyntaxError',
      'gql',
      'desc',
    );
    const error = new GraphQLError(neo.message, { originalError: neo, path: ['person'] });
    const out = format(
      {
        message: neo.message,
        path: ['person'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at ...'] },
      },
      error,
    );
    expect(out).toEqual({
      message: 'Unexpected error.',
      path: ['person'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logged).toContain(neo);
  });

  it('keeps the code, message and field of a domain error', () => {
    const error = new GraphQLError('asOf must be a date', {
      originalError: new InputError('asOf must be a date YYYY-MM-DD.', 'asOf'),
    });
    expect(format({ message: 'x' }, error)).toEqual({
      message: 'asOf must be a date YYYY-MM-DD.',
      extensions: { code: 'BAD_USER_INPUT', field: 'asOf' },
    });
  });

  it('passes GraphQL validation errors through without a stack', () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".');
    expect(
      format(
        {
          message: error.message,
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['x'] },
        },
        error,
      ),
    ).toEqual({
      message: error.message,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});
