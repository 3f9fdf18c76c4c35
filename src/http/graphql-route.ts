import { ApolloServer, HeaderMap } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app.js';
import type { Role } from '../config.js';
import { hasRole } from '../graphql/auth.js';
import { createContext, type Context } from '../graphql/context.js';
import { createFormatError } from '../graphql/format-error.js';
import { costLimitPlugin } from '../graphql/limits/cost-limit-plugin.js';
import { aliasLimit, directiveLimit } from '../graphql/limits/count-limits.js';
import { depthLimit } from '../graphql/limits/depth-limit.js';
import { documentSizeExcess } from '../graphql/limits/document-size.js';
import { operationLogPlugin } from '../graphql/operation-log-plugin.js';
import { operationMetricsPlugin } from '../graphql/operation-metrics-plugin.js';
import { sequencePlugin } from '../graphql/sequence-plugin.js';
import { SequenceNotReachedError } from '../errors.js';
import { buildGraphqlSchema } from '../graphql/schema.js';
import { TrustedDocuments, type DocumentRequest } from '../graphql/trusted-documents.js';
import { MAX_GRAPHQL_BODY_BYTES, MAX_GRAPHQL_LIST_BODY_BYTES } from '../input-limits.js';
import { requestLog } from '../log/request-log.js';
import { readBody, sendJson } from './respond.js';

/**
 * The largest body a caller may send: a key that may list identifiers in a static segment
 * (100,000 a call, several MiB of variables) gets more than one that only reads. The role is
 * known from the key before a byte of the body is read.
 */
function bodyLimit(role: Role): number {
  return hasRole(role, 'marketer') ? MAX_GRAPHQL_LIST_BODY_BYTES : MAX_GRAPHQL_BODY_BYTES;
}

export interface GraphqlRoute {
  handle(req: IncomingMessage, res: ServerResponse, role: Role): Promise<void>;
  stop(): Promise<void>;
  /** Whether only trusted documents run (GraphiQL is then not served). */
  readonly trustedOnly: boolean;
}

/**
 * Apollo Server behind Node's http server: one context (and loader set) per request. Logs to
 * the request log of the caller (`withRequestLog`).
 */
export async function createGraphqlRoute(app: App): Promise<GraphqlRoute> {
  const schema = await buildGraphqlSchema();
  const limits = app.config.graphqlLimits;
  const trusted =
    app.config.graphqlTrustedDocuments === undefined
      ? undefined
      : TrustedDocuments.load(app.config.graphqlTrustedDocuments);
  const apqCacheSize = trusted ? 0 : app.config.graphqlApqCacheSize;
  const server = new ApolloServer<Context>({
    schema,
    // switched by our own rule below, whose message does not point at Apollo's options
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError((message, error) => requestLog().error({ err: error }, message)),
    // handle() refuses a longer document before Apollo sees it; this is the parser's own guard
    parseOptions: { maxTokens: limits.maxTokens },
    // Automatic persisted queries in a bounded LRU cache. A query is registered only with its
    // text, which passes handle()'s size check, and only once it has parsed, validated and
    // passed the cost check; by hash it is parsed (token limit), validated and costed again
    // like any text. With trusted documents, handle() resolves hashes from the list instead.
    persistedQueries:
      apqCacheSize === 0
        ? false
        : { cache: new InMemoryLRUCache<string>({ maxSize: apqCacheSize }) },
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
      sequencePlugin(app.rfm.feed),
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
      const text = req.method === 'POST' ? await readBody(req, bodyLimit(role)) : '';
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
      const request = documentRequest(req.method, url, body);
      // the document's size, before Apollo parses it (tokens) or a resolver gets its strings
      const oversized =
        typeof request.query === 'string' ? documentSizeExcess(request.query, limits) : undefined;
      if (oversized) {
        const { limit, message } = oversized;
        return sendJson(res, 413, {
          errors: [{ message, extensions: { code: 'QUERY_TOO_LARGE', limit } }],
        });
      }
      if (trusted) {
        const document = trusted.documentOf(request);
        if (!document.allowed) return sendJson(res, 400, { errors: [NOT_ALLOWED] });
        if (document.query !== undefined) body = withQuery(url, body, document.query);
      }
      const minSeq = headers.get(MIN_SEQ_HEADER);
      if (minSeq !== undefined) {
        if (!/^\d{1,15}$/.test(minSeq.trim())) {
          return sendJson(res, 400, {
            errors: [
              {
                message: `The ${MIN_SEQ_HEADER} header must be a sequence number (a whole number >= 0), got ${JSON.stringify(minSeq.slice(0, 40))}.`,
                extensions: { code: 'BAD_USER_INPUT', field: MIN_SEQ_HEADER },
              },
            ],
          });
        }
        try {
          await app.rfm.feed.waitFor(Number(minSeq));
        } catch (error) {
          if (!(error instanceof SequenceNotReachedError)) throw error;
          return sendJson(
            res,
            503,
            {
              errors: [
                { message: error.message, extensions: { code: error.code, ...error.details } },
              ],
            },
            { 'retry-after': '1' },
          );
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
    trustedOnly: trusted !== undefined,
  };
}

/** A request's "answer only once this process has applied at least this feed sequence". */
export const MIN_SEQ_HEADER = 'x-oneid-min-seq';

const NOT_ALLOWED = {
  message:
    'This service runs only its registered operations (trusted documents), and this operation is not one of them.',
  extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED' },
};

/**
 * What names the document: the JSON body of a POST, the URL parameters of a GET. A batch (a
 * JSON array) names none here, and Apollo refuses it: batched requests are off.
 */
function documentRequest(method: string | undefined, url: URL, body: unknown): DocumentRequest {
  if (method === 'POST') return typeof body === 'object' && body !== null ? body : {};
  const extensions = url.searchParams.get('extensions');
  let parsed: unknown;
  try {
    parsed = extensions === null ? undefined : JSON.parse(extensions);
  } catch {
    parsed = undefined;
  }
  return {
    query: url.searchParams.get('query') ?? undefined,
    documentId: url.searchParams.get('documentId') ?? undefined,
    extensions: parsed,
  };
}

/**
 * The request with `query` as its document and no hash or extensions left for Apollo (APQ is
 * off with trusted documents, and no other extension is used): a POST body is returned
 * changed, a GET's URL is changed in place.
 */
function withQuery(url: URL, body: unknown, query: string): unknown {
  if (typeof body !== 'object' || body === null) {
    url.searchParams.set('query', query);
    url.searchParams.delete('documentId');
    url.searchParams.delete('extensions');
    return body;
  }
  const request: Record<string, unknown> = { ...body, query };
  delete request.documentId;
  delete request.extensions;
  return request;
}
