import { ApolloServer, HeaderMap } from '@apollo/server';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app.js';
import type { Role } from '../config.js';
import { createContext, type Context } from '../graphql/context.js';
import { createFormatError } from '../graphql/format-error.js';
import { costLimitPlugin } from '../graphql/limits/cost-limit-plugin.js';
import { aliasLimit, directiveLimit } from '../graphql/limits/count-limits.js';
import { depthLimit } from '../graphql/limits/depth-limit.js';
import { documentSizeExcess } from '../graphql/limits/document-size.js';
import { operationLogPlugin } from '../graphql/operation-log-plugin.js';
import { operationMetricsPlugin } from '../graphql/operation-metrics-plugin.js';
import { buildGraphqlSchema } from '../graphql/schema.js';
import { MAX_GRAPHQL_BODY_BYTES } from '../input-limits.js';
import { requestLog } from '../log/request-log.js';
import { readBody, sendJson } from './respond.js';

export interface GraphqlRoute {
  handle(req: IncomingMessage, res: ServerResponse, role: Role): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Apollo Server behind Node's http server: one context (and loader set) per request. Logs to
 * the request log of the caller (`withRequestLog`).
 */
export async function createGraphqlRoute(app: App): Promise<GraphqlRoute> {
  const schema = await buildGraphqlSchema();
  const limits = app.config.graphqlLimits;
  const server = new ApolloServer<Context>({
    schema,
    // switched by our own rule below, whose message does not point at Apollo's options
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError((message, error) => requestLog().error({ err: error }, message)),
    // handle() refuses a longer document before Apollo sees it; this is the parser's own guard
    parseOptions: { maxTokens: limits.maxTokens },
    // no automatic persisted queries: every document arrives as text through handle()'s size
    // check, and no caller fills the server's memory with documents (clients here are
    // services with API keys, not browsers behind a CDN)
    persistedQueries: false,
    validationRules: [
      ...(app.config.graphqlIntrospection ? [] : [NoSchemaIntrospectionCustomRule]),
      aliasLimit(limits.maxAliases),
      directiveLimit(limits.maxDirectives),
      depthLimit(limits.maxDepth),
    ],
    plugins: [
      operationMetricsPlugin(app.metrics.graphqlDuration),
      operationLogPlugin(),
      costLimitPlugin(limits.maxCost),
      ApolloServerPluginLandingPageDisabled(),
      // no cache hints in this schema: the cache-control plugin would only add a hook per field
      ApolloServerPluginCacheControlDisabled(),
    ],
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
          return sendJson(res, 400, {
            errors: [
              {
                message: 'The request body is not valid JSON.',
                extensions: { code: 'BAD_REQUEST' },
              },
            ],
          });
        }
      }
      // the document's size, before Apollo parses it (tokens) or a resolver gets its strings
      const source =
        req.method === 'POST'
          ? (body as { query?: unknown } | null)?.query
          : url.searchParams.get('query');
      const oversized = typeof source === 'string' ? documentSizeExcess(source, limits) : undefined;
      if (oversized) {
        const { limit, message } = oversized;
        return sendJson(res, 413, {
          errors: [{ message, extensions: { code: 'QUERY_TOO_LARGE', limit } }],
        });
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
