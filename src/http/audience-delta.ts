import type { App } from '../app.js';
import { DomainError } from '../errors.js';
import { requestLog } from '../log/request-log.js';
import { audienceDelta, type AudienceDelta } from '../segments/audience-delta.js';
import {
  DELTA_CSV_HEADER,
  deltaCsv,
  deltaJsonLines,
  deltaRows,
  type DeltaRow,
} from '../segments/delta-export.js';
import {
  LEFT_OUT_HEADER,
  exportParams,
  streamAttachment,
  type RowFormats,
} from './audience-export.js';
import { sendJson } from './respond.js';
import type { Route } from './server.js';

const DELTA_FORMATS: RowFormats<DeltaRow> = {
  csvHeader: DELTA_CSV_HEADER,
  csv: deltaCsv,
  jsonl: deltaJsonLines,
};

const STATUS: Partial<Record<DomainError['code'], number>> = {
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
};

/**
 * GET /audiences/{id}/delta?since=N&purpose=ads|email&format=csv|jsonl (reader role): who
 * entered and left the package's consented set since version N, as the export's rows plus
 * `change` (enter | leave), streamed chunk by chunk. Headers say the versions compared and
 * how many members were left out without consent.
 */
export function audienceDeltaRoute(app: App): Route {
  return {
    method: 'GET',
    pattern: /^\/audiences\/([A-Za-z0-9_.-]{1,64})\/delta$/,
    role: 'reader',
    async handle(req, res, match) {
      const id = match[1] as string;
      const params = exportParams(req, res);
      if (params === null) return;
      const { query, format, purpose } = params;
      if (purpose === undefined)
        return sendJson(res, 400, { error: 'purpose: required (ads or email).', field: 'purpose' });
      const since = query.get('since') ?? '';
      if (!/^\d{1,9}$/.test(since))
        return sendJson(res, 400, { error: 'since: a whole number, 0 or more.', field: 'since' });
      let delta: AudienceDelta;
      try {
        delta = await audienceDelta(app.db, id, Number(since), purpose);
      } catch (error) {
        const status = error instanceof DomainError ? STATUS[error.code] : undefined;
        if (!(error instanceof DomainError) || status === undefined) throw error;
        return sendJson(res, status, { error: error.message, ...error.details });
      }
      const headers = {
        [LEFT_OUT_HEADER]: String(delta.leftOutWithoutConsent),
        'x-oneid-from-version': String(delta.fromVersion),
        'x-oneid-to-version': String(delta.toVersion),
      };
      const count = await streamAttachment(
        res,
        { name: `${id}-delta-${delta.fromVersion}-${delta.toVersion}`, format, headers },
        deltaRows(app.db, app.rfm, delta),
        DELTA_FORMATS,
      );
      requestLog().info(
        { package: id, format, purpose, from: delta.fromVersion, to: delta.toVersion, rows: count },
        'audience delta exported',
      );
    },
  };
}
