import { parseAppEvent, type AppEvent } from '../../events/app-event.js';
import { MAX_EVENT_BYTES } from '../../input-limits.js';
import { RowRejected } from '../../rows/row-error.js';

export type DecodedEvent =
  { readonly ok: true; readonly event: AppEvent } | { readonly ok: false; readonly reason: string };

/**
 * Decodes one Kafka message value (a JSON event in the seed's format) and passes it through
 * `normalize` (the identifiers' normalization path in the service). Returns the reason when
 * it is too long, not JSON or fails validation; throws only on a bug.
 */
export function decodeEvent(
  value: Buffer | undefined,
  normalize: (event: AppEvent) => AppEvent = (event) => event,
): DecodedEvent {
  if (value === undefined || value.length === 0) return { ok: false, reason: 'empty message' };
  if (value.length > MAX_EVENT_BYTES)
    return { ok: false, reason: `message longer than ${MAX_EVENT_BYTES} bytes` };
  let row: unknown;
  try {
    row = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (row === null || typeof row !== 'object' || Array.isArray(row))
    return { ok: false, reason: 'not a JSON object' };
  try {
    return { ok: true, event: normalize(parseAppEvent(row as Record<string, unknown>)) };
  } catch (error) {
    if (error instanceof RowRejected) return { ok: false, reason: error.message };
    throw error;
  }
}
