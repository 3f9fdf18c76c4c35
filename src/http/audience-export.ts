import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app.js';
import { requestLog } from '../log/request-log.js';
import { PURPOSES, type Purpose } from '../segments/consent.js';
import {
  CSV_HEADER,
  exportRows,
  toCsv,
  toJsonLines,
  type ExportRow,
} from '../segments/package-export.js';
import { sendJson } from './respond.js';
import type { Route } from './server.js';

export type Format = 'csv' | 'jsonl';

/** The header that says how many members an export for a purpose left out without consent. */
export const LEFT_OUT_HEADER = 'x-oneid-left-out';

/** The query string of a request. */
const queryOf = (req: IncomingMessage): URLSearchParams =>
  new URL(req.url ?? '/', 'http://localhost').searchParams;

/** `purpose` from the query: a purpose, undefined when absent, or null after a 400 was sent. */
export function purposeParam(
  res: ServerResponse,
  query: URLSearchParams,
): Purpose | undefined | null {
  const purpose = query.get('purpose');
  if (purpose === null || purpose === '') return undefined;
  if ((PURPOSES as readonly string[]).includes(purpose)) return purpose as Purpose;
  sendJson(res, 400, { error: `purpose: one of ${PURPOSES.join(', ')}.`, field: 'purpose' });
  return null;
}

/** How rows are written in each format: the CSV header line and a chunk's text. */
export interface RowFormats<R> {
  readonly csvHeader: string;
  csv(rows: readonly R[]): string;
  jsonl(rows: readonly R[]): string;
}

/**
 * Streams chunks of rows as a CSV (after its header line) or JSON-lines attachment, waiting
 * while the client is slower than the database; returns how many rows were sent.
 */
export async function streamAttachment<R>(
  res: ServerResponse,
  attachment: { name: string; format: Format; headers?: Record<string, string> },
  chunks: AsyncIterable<R[]>,
  formats: RowFormats<R>,
): Promise<number> {
  const { name, format, headers = {} } = attachment;
  res.writeHead(200, {
    'content-type':
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    'content-disposition': `attachment; filename="${name}.${format}"`,
    ...headers,
  });
  if (format === 'csv') res.write(formats.csvHeader);
  let count = 0;
  for await (const rows of chunks) {
    count += rows.length;
    const text = format === 'csv' ? formats.csv(rows) : formats.jsonl(rows);
    if (!res.write(text)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
  return count;
}

const EXPORT_FORMATS: RowFormats<ExportRow> = {
  csvHeader: CSV_HEADER,
  csv: toCsv,
  jsonl: toJsonLines,
};

/**
 * Streams a package's members: with `purpose`, those consenting to it only (the count left
 * out in x-oneid-left-out); without, everyone (internal use).
 */
async function sendExport(
  app: App,
  res: ServerResponse,
  id: string,
  format: Format,
  purpose: Purpose | undefined,
): Promise<void> {
  const found = await app.packages.get(id);
  if (!found) return sendJson(res, 404, { error: `No audience package "${id}".` });
  let pkg = found;
  const headers: Record<string, string> = {};
  if (purpose) {
    const { members, leftOut } = await app.consents.filter(found.members, purpose);
    pkg = { ...found, members };
    headers[LEFT_OUT_HEADER] = String(leftOut);
  }
  const count = await streamAttachment(
    res,
    { name: id, format, headers },
    exportRows(app.db, app.rfm, pkg),
    EXPORT_FORMATS,
  );
  requestLog().info({ package: id, format, purpose, rows: count }, 'audience package exported');
}

/**
 * GET /audience-packages/{id}.csv | .jsonl (reader role), optional `?purpose=ads|email`:
 * streamed, never built in memory.
 */
export function audienceExportRoute(app: App): Route {
  return {
    method: 'GET',
    pattern: /^\/audience-packages\/([A-Za-z0-9_.-]{1,64})\.(csv|jsonl)$/,
    role: 'reader',
    async handle(req, res, match) {
      const [, id, ext] = match as unknown as [string, string, Format];
      const purpose = purposeParam(res, queryOf(req));
      if (purpose === null) return;
      await sendExport(app, res, id, ext, purpose);
    },
  };
}

/** GET /audiences/{id}/export?format=csv|jsonl&purpose=ads|email: the same export. */
export function audienceExportQueryRoute(app: App): Route {
  return {
    method: 'GET',
    pattern: /^\/audiences\/([A-Za-z0-9_.-]{1,64})\/export$/,
    role: 'reader',
    async handle(req, res, match) {
      const params = exportParams(req, res);
      if (params === null) return;
      await sendExport(app, res, match[1] as string, params.format, params.purpose);
    },
  };
}

/**
 * The query of an export or a delta, its `format` (default csv) and `purpose`; null after a
 * 400 naming the bad parameter was sent.
 */
export function exportParams(
  req: IncomingMessage,
  res: ServerResponse,
): { query: URLSearchParams; format: Format; purpose: Purpose | undefined } | null {
  const query = queryOf(req);
  const format = formatParam(res, query);
  if (format === null) return null;
  const purpose = purposeParam(res, query);
  if (purpose === null) return null;
  return { query, format, purpose };
}

/** `format` from the query (default csv), or null after a 400 was sent. */
function formatParam(res: ServerResponse, query: URLSearchParams): Format | null {
  const format = query.get('format') || 'csv';
  if (format === 'csv' || format === 'jsonl') return format;
  sendJson(res, 400, { error: 'format: csv or jsonl.', field: 'format' });
  return null;
}
