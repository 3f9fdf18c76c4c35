import type { IdentityService } from '../identity/identity-service.js';
import { optionalRowValue } from '../identity/row-identifier.js';
import type { AppEvent } from './app-event.js';

/**
 * A parsed event with its identifiers through the one normalization path: a placeholder
 * (blocked value) is dropped, which may leave the event unattached; a malformed or oversize
 * one throws RowRejected naming the column (a `FILE:LINE` rejection, a dead letter).
 */
export function normalizeEventIds(identity: IdentityService, e: AppEvent): AppEvent {
  const id = (type: string, value: string | null) => optionalRowValue(identity, type, value);
  return {
    ...e,
    unionId: id('union_id', e.unionId),
    openId: id('open_id', e.openId),
    deviceId: id('device_id', e.deviceId),
  };
}
