import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { log, type Logger } from './logger.js';

const current = new AsyncLocalStorage<Logger>();

/** An incoming x-request-id is kept when it is this: short, and safe in a header and a log. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's request id when it is safe, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_ID.test(header) ? header : randomUUID();
}

/** Runs `fn` with `logger` as the request log of everything it calls and awaits. */
export function withRequestLog<T>(logger: Logger, fn: () => T): T {
  return current.run(logger, fn);
}

/**
 * The log of the HTTP request being handled, its `reqId` bound; the process log outside a
 * request. For code that is handed no context, as Apollo's formatError.
 */
export function requestLog(): Logger {
  return current.getStore() ?? log;
}
