import { InputError } from '../errors.js';
import { MAX_CALL_ROWS, MAX_IDENTIFIER_TYPE, MAX_IDENTIFIER_VALUE } from '../input-limits.js';
import type { IdentityService } from './identity-service.js';

/** Which warehouse sent the request; each has its own body and error field. */
export type WarehouseFormat = 'snowflake' | 'bigquery';

export interface CallIdGraphRequest {
  readonly format: WarehouseFormat;
  /** Snowflake's row numbers, echoed back. */
  readonly rowNumbers: readonly unknown[];
  readonly ids: readonly { readonly value: string; readonly type: string }[];
}

/**
 * Parses a warehouse external-function body, as the seed's `call_id_graph(id_value, id_type)`:
 * Snowflake `{"data": [[row, value, type], ...]}` or BigQuery `{"calls": [[value, type], ...]}`.
 * Throws InputError naming what is wrong.
 */
export function parseCallIdGraph(body: unknown): CallIdGraphRequest {
  if (body === null || typeof body !== 'object')
    throw new InputError(
      'The body must be a JSON object with "data" (Snowflake) or "calls" (BigQuery).',
      'body',
    );
  const b = body as Record<string, unknown>;
  const format: WarehouseFormat | undefined = Array.isArray(b.data)
    ? 'snowflake'
    : Array.isArray(b.calls)
      ? 'bigquery'
      : undefined;
  if (!format)
    throw new InputError(
      'The body must have a "data" array (Snowflake) or a "calls" array (BigQuery).',
      'body',
    );
  const rows = (format === 'snowflake' ? b.data : b.calls) as unknown[];
  const field = format === 'snowflake' ? 'data' : 'calls';
  if (rows.length > MAX_CALL_ROWS)
    throw new InputError(`At most ${MAX_CALL_ROWS} rows per request, got ${rows.length}.`, field);
  const rowNumbers: unknown[] = [];
  const ids: { value: string; type: string }[] = [];
  rows.forEach((row, i) => {
    const expected = format === 'snowflake' ? 3 : 2;
    if (!Array.isArray(row) || row.length !== expected) {
      throw new InputError(
        `${field}[${i}] must be an array of ${expected} (${format === 'snowflake' ? 'row number, id_value, id_type' : 'id_value, id_type'}).`,
        field,
      );
    }
    const [value, type] = format === 'snowflake' ? row.slice(1) : row;
    if (format === 'snowflake') rowNumbers.push(row[0]);
    const ok = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number';
    if (!ok(value) || !ok(type))
      throw new InputError(`${field}[${i}]: id_value and id_type must be strings.`, field);
    const id = {
      value: value === null ? '' : String(value),
      type: type === null ? '' : String(type),
    };
    if (id.value.length > MAX_IDENTIFIER_VALUE)
      throw new InputError(
        `${field}[${i}]: id_value is longer than ${MAX_IDENTIFIER_VALUE} characters.`,
        field,
      );
    if (id.type.length > MAX_IDENTIFIER_TYPE)
      throw new InputError(
        `${field}[${i}]: id_type is longer than ${MAX_IDENTIFIER_TYPE} characters.`,
        field,
      );
    ids.push(id);
  });
  return { format, rowNumbers, ids };
}

/**
 * OneIDs in request order, null for an unknown identifier; one database round trip (a full
 * 10,000-row request is never split, and small ones arriving together share one).
 * Identifiers are normalized as everywhere (a raw `mobile` / `email` is hashed); one that
 * cannot be in the graph (unknown type, blocked or malformed value) is null without a lookup.
 */
export async function callIdGraph(
  identity: IdentityService,
  request: CallIdGraphRequest,
): Promise<(string | null)[]> {
  const keys = request.ids.map((id) => identity.keyOf(id));
  const lookup = keys.filter((k): k is string => k !== null);
  if (lookup.length === 0) return keys.map(() => null);
  const found = await identity.personsOf(lookup);
  let next = 0;
  return keys.map((k) => (k === null ? null : (found[next++]?.oneId ?? null)));
}

/** The response body in the request's format. */
export function formatCallIdGraph(
  request: CallIdGraphRequest,
  oneIds: readonly (string | null)[],
): unknown {
  return request.format === 'snowflake'
    ? { data: oneIds.map((oneId, i) => [request.rowNumbers[i], oneId]) }
    : { replies: oneIds };
}
