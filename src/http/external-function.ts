import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app.js';
import { InputError } from '../errors.js';
import { callIdGraph, formatCallIdGraph, parseCallIdGraph } from '../identity/call-id-graph.js';
import { MAX_CALL_BODY_BYTES } from '../input-limits.js';
import { requestLog } from '../log/request-log.js';
import { timed } from '../metrics/service-metrics.js';
import { readBody, sendJson } from './respond.js';
import type { Route } from './server.js';

/**
 * POST /functions/call_id_graph (service role): the warehouse external-function contract.
 * A malformed body is HTTP 400 with the message in the format's own error field
 * (BigQuery: errorMessage; Snowflake and unknown shapes: error).
 */
export function callIdGraphRoute(app: App): Route {
  return {
    method: 'POST',
    pattern: /^\/functions\/call_id_graph$/,
    role: 'service',
    handle: (req, res) => timed(app.metrics.externalFunctionDuration, {}, () => call(req, res)),
  };

  async function call(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req, MAX_CALL_BODY_BYTES);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(res, 400, {
        error: 'The body is not valid JSON.',
        errorMessage: 'The body is not valid JSON.',
      });
    }
    try {
      const request = parseCallIdGraph(body);
      const oneIds = await callIdGraph(app.identity, request);
      requestLog().info(
        {
          format: request.format,
          ids: request.ids.length,
          found: oneIds.filter((id) => id !== null).length,
        },
        'call_id_graph',
      );
      return sendJson(res, 200, formatCallIdGraph(request, oneIds));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      requestLog().info({ code: error.code }, 'call_id_graph refused');
      const bigquery = typeof body === 'object' && body !== null && 'calls' in body;
      return sendJson(
        res,
        400,
        bigquery ? { errorMessage: error.message } : { error: error.message },
      );
    }
  }
}
