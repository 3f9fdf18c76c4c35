import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import type { App } from '../../src/app.js';
import type { Role } from '../../src/config.js';
import { createContext, type Context } from '../../src/graphql/context.js';
import { createFormatError } from '../../src/graphql/format-error.js';
import { buildGraphqlSchema } from '../../src/graphql/schema.js';

export interface GqlError {
  readonly message: string;
  readonly extensions?: Record<string, unknown>;
}

export interface GqlResult<T> {
  readonly data?: T | null;
  readonly errors?: readonly GqlError[];
}

export interface InProcessGraphql {
  /** Runs one operation as a caller with `role`, with a fresh context (and loaders). */
  run<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    role?: Role,
  ): Promise<GqlResult<T>>;
  /** Like `run`, but throws on any error and returns `data`. */
  ok<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    role?: Role,
  ): Promise<T>;
  /** Errors logged by the masking formatError (there should be none). */
  readonly logged: string[];
  stop(): Promise<void>;
}

/**
 * The service's schema and error masking in an Apollo Server without HTTP: operations run
 * through `executeOperation` with the per-request context the GraphQL route builds.
 */
export async function inProcessGraphql(app: App): Promise<InProcessGraphql> {
  const logged: string[] = [];
  const server = new ApolloServer<Context>({
    schema: await buildGraphqlSchema(),
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError((message, error) => logged.push(`${message}: ${String(error)}`)),
  });
  await server.start();
  const run = async <T>(
    query: string,
    variables: Record<string, unknown> = {},
    role: Role = 'reader',
  ): Promise<GqlResult<T>> => {
    const response = await server.executeOperation<T>(
      { query, variables },
      { contextValue: createContext(app, role) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    return { ...(data !== undefined ? { data } : {}), ...(errors ? { errors } : {}) };
  };
  return {
    run,
    async ok<T>(query: string, variables: Record<string, unknown> = {}, role: Role = 'reader') {
      const result = await run<T>(query, variables, role);
      if (result.errors?.length || !result.data)
        throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data;
    },
    logged,
    stop: () => server.stop(),
  };
}
