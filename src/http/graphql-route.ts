import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app.js';
import type { Role } from '../config.js';
import { createContext, type Context } from '../graphql/context.js';
import { createFormatError } from '../graphql/format-error.js';
import { costLimit, depthLimit } from '../graphql/limits.js';
import { buildGraphqlSchema } from '../graphql/schema.js';
import { MAX_GRAPHQL_BODY_BYTES } from '../input-limits.js';
import { readBody } from './respond.js';

export interface GraphqlRoute {
  handle(req: IncomingMessage, res: ServerResponse, role: Role): Promise<void>;
  stop(): Promise<void>;
}

/** Apollo Server behind Node's http server: one context (and loader set) per request. */
export async function createGraphqlRoute(
  app: App,
  log: (message: string, error?: unknown) => void,
): Promise<GraphqlRoute> {
  const schema = await buildGraphqlSchema();
  const server = new ApolloServer<Context>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError(log),
    validationRules: [
      depthLimit(app.config.graphqlLimits.maxDepth),
      costLimit(app.config.graphqlLimits.maxCost),
    ],
    // no cache hints in this schema: the cache-control plugin would only add a hook per field
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
  await server.start();
  return {
    async handle(req, res, role) {
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      const text = req.method === 'POST' ? await readBody(req, MAX_GRAPHQL_BODY_BYTES) : '';
      let body: unknown = text;
      if (text !== '' && (headers.get('content-type') ?? '').includes('application/json')) {
        try {
          body = JSON.parse(text);
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              errors: [
                {
                  message: 'The request body is not valid JSON.',
                  extensions: { code: 'BAD_REQUEST' },
                },
              ],
            }),
          );
          return;
        }
      }
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => createContext(app, role),
      });
      const out: Record<string, string> = {};
      for (const [key, value] of response.headers) out[key] = value;
      res.writeHead(response.status ?? 200, out);
      if (response.body.kind === 'complete') res.end(response.body.string);
      else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    },
    stop: () => server.stop(),
  };
}
