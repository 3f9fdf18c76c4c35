import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { App } from '../app.js';
import type { Role } from '../config.js';
import { hasRole } from '../graphql/auth.js';
import { elapsed } from '../log/elapsed.js';
import type { Logger } from '../log/logger.js';
import { requestIdFrom, withRequestLog } from '../log/request-log.js';
import { roleOf, type ApiKeys } from './api-keys.js';
import { createGraphqlRoute } from './graphql-route.js';
import { idePage, serveIdeAsset } from './ide.js';
import { sendJson, sendText } from './respond.js';

/** A route beyond the built-in ones; `role` undefined means public. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'OPTIONS';
  readonly pattern: RegExp;
  readonly role: Role | undefined;
  handle(
    req: IncomingMessage,
    res: ServerResponse,
    match: RegExpMatchArray,
    role: Role | undefined,
  ): Promise<void>;
}

export interface HttpService {
  readonly server: Server;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

export interface ServerOptions {
  readonly app: App;
  readonly keys: ApiKeys;
  readonly routes?: readonly Route[];
  /** Extra readiness checks (streams add theirs): a string is the reason it is not ready. */
  readonly readiness?: readonly (() => Promise<string | undefined>)[];
  /** Each request logs to a child of this one, its `reqId` bound (see `requestLog()`). */
  readonly log: Logger;
}

/**
 * The HTTP face of the service: /graphql (GraphiQL on a browser GET), /healthz, /readyz and
 * the routes given. Every non-public route needs an API key: 401 without a valid one,
 * 403 with a role too low. Every request has an id: the caller's `x-request-id` when it is
 * safe, else a new one, sent back in `x-request-id` and bound as `reqId` in its log lines.
 */
export async function createServer(opts: ServerOptions): Promise<HttpService> {
  const { app, keys, log } = opts;
  const graphql = await createGraphqlRoute(app);
  const routes = opts.routes ?? [];

  const ready = async (): Promise<string | undefined> => {
    try {
      const [row] = await app.db.readQuery<{ constraints: number }>('health/ping');
      if ((row?.constraints ?? 0) < 3) return 'schema not applied';
    } catch {
      return 'Neo4j unreachable';
    }
    for (const check of opts.readiness ?? []) {
      const reason = await check();
      if (reason) return reason;
    }
    return undefined;
  };

  const unauthenticated = (res: ServerResponse) =>
    sendJson(
      res,
      401,
      {
        errors: [
          {
            message: 'A valid API key is required (header x-api-key).',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      },
      { 'www-authenticate': 'Bearer' },
    );

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (req.method === 'GET' && path === '/readyz') {
      const reason = await ready();
      return sendJson(
        res,
        reason ? 503 : 200,
        reason ? { status: 'not ready', reason } : { status: 'ready' },
      );
    }
    if (req.method === 'GET' && serveIdeAsset(path, res)) return;
    const role = roleOf(req.headers, keys);
    if (path === '/graphql') {
      // with trusted documents, GraphiQL's introspection and typed queries would be refused
      if (
        req.method === 'GET' &&
        !graphql.trustedOnly &&
        (req.headers.accept ?? '').includes('text/html')
      )
        return sendText(res, 200, idePage('/graphql'), 'text/html; charset=utf-8');
      if (role === undefined) return unauthenticated(res);
      return graphql.handle(req, res, role);
    }
    for (const route of routes) {
      const match = route.method === req.method ? path.match(route.pattern) : null;
      if (!match) continue;
      if (route.role !== undefined) {
        if (role === undefined) return unauthenticated(res);
        if (!hasRole(role, route.role))
          return sendJson(res, 403, { error: `This endpoint needs the ${route.role} role.` });
      }
      return route.handle(req, res, match, role);
    }
    return sendJson(res, 404, { error: `No route for ${req.method} ${path}.` });
  };

  const server = createHttpServer((req, res) => {
    const reqId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', reqId);
    const reqLog = log.child({ reqId });
    const started = performance.now();
    // once answered, or abandoned by the caller (the path only: a query string may hold values)
    res.once('close', () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      // probes come every few seconds: their lines are noise unless debugging
      const level = path === '/healthz' || path === '/readyz' ? 'debug' : 'info';
      const done = { method: req.method, path, status: res.statusCode, ms: elapsed(started) };
      reqLog[level](res.writableFinished ? done : { ...done, aborted: true }, 'request done');
    });
    withRequestLog(reqLog, () => handle(req, res)).catch((error: unknown) => {
      const status = (error as { status?: number }).status;
      // the rest of the body is left unread: close the connection, or the next request sent on
      // it (keep-alive) would wait behind those bytes forever
      if (status === 413)
        return sendJson(res, 413, { error: (error as Error).message }, { connection: 'close' });
      reqLog.error({ err: error, method: req.method }, 'Unexpected error in an HTTP request');
      if (!res.headersSent) sendJson(res, 500, { error: 'Unexpected error.' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(
            typeof address === 'object' && address
              ? `http://${host}:${address.port}`
              : `http://${host}:${port}`,
          );
        });
      }),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), 5000);
      await closed;
      clearTimeout(force);
      await graphql.stop();
    },
  };
}
