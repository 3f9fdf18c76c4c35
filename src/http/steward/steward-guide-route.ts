import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { projectRoot } from '../../paths.js';
import type { Route } from '../server.js';
import { stewardGuide } from './steward-guide.js';
import { readStewardQueries } from './steward-queries.js';

export const GUIDE_PATH = '/steward/guide.html';
export const STYLE_PATH = '/steward/style.grass';

/**
 * Neo4j Browser fetches guides and styles from its own page (another origin), sending
 * `pragma` and `cache-control` with a guide: both are public, so any origin may read them.
 */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET',
  'access-control-allow-headers': 'pragma, cache-control',
  'access-control-max-age': '86400',
};

function send(res: ServerResponse, body: string, type: string): void {
  res.writeHead(200, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-cache',
    ...CORS,
  });
  res.end(body);
}

/** The URL this request was sent to, as the Browser saw it (guides link back to it). */
const origin = (req: IncomingMessage) => `http://${req.headers.host ?? '127.0.0.1'}`;

/**
 * Public routes for the Neo4j Browser guide (`:play http://<service>/steward/guide.html`) and
 * its graph style. Both are built from cypher/steward/ when the service starts, so the guide
 * runs exactly the files the repository holds; a missing folder fails the start.
 */
export function stewardGuideRoutes(dir = join(projectRoot, 'cypher', 'steward')): Route[] {
  const queries = readStewardQueries(dir);
  const style = readFileSync(join(dir, 'style.grass'), 'utf8');
  const pattern = /^\/steward\/(guide\.html|style\.grass)$/;
  return [
    {
      method: 'GET',
      pattern,
      role: undefined,
      handle: async (req, res, match) =>
        match[1] === 'style.grass'
          ? send(res, style, 'text/plain')
          : send(res, stewardGuide(queries, origin(req) + STYLE_PATH), 'text/html'),
    },
    {
      method: 'OPTIONS',
      pattern,
      role: undefined,
      handle: async (_req, res) => {
        res.writeHead(204, CORS);
        res.end();
      },
    },
  ];
}
