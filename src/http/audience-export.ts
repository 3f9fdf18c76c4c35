import type { App } from '../app.js';
import { requestLog } from '../log/request-log.js';
import { CSV_HEADER, exportRows, toCsv, toJsonLines } from '../segments/package-export.js';
import { sendJson } from './respond.js';
import type { Route } from './server.js';

/** GET /audience-packages/{id}.csv | .jsonl (reader role): streamed, never built in memory. */
export function audienceExportRoute(app: App): Route {
  return {
    method: 'GET',
    pattern: /^\/audience-packages\/([A-Za-z0-9_.-]{1,64})\.(csv|jsonl)$/,
    role: 'reader',
    async handle(_req, res, match) {
      const [, id, ext] = match as unknown as [string, string, 'csv' | 'jsonl'];
      const pkg = await app.packages.get(id);
      if (!pkg) return sendJson(res, 404, { error: `No audience package "${id}".` });
      res.writeHead(200, {
        'content-type':
          ext === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="${id}.${ext}"`,
      });
      if (ext === 'csv') res.write(CSV_HEADER);
      let count = 0;
      for await (const rows of exportRows(app.db, app.rfm, pkg)) {
        count += rows.length;
        if (!res.write(ext === 'csv' ? toCsv(rows) : toJsonLines(rows)))
          await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
      requestLog().info({ package: id, format: ext, rows: count }, 'audience package exported');
    },
  };
}
