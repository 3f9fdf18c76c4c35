import { consentFlag, consentPurpose } from '../consent/consent-flag.js';
import type { ConsentPurpose } from '../consent/purposes.js';
import { cents, optional, required, timestamp } from '../rows/fields.js';
import { RowRejected } from '../rows/row-error.js';

/** A mini-program / app behaviour event in the seed's format (app_events.jsonl, Kafka). */
export interface AppEvent {
  readonly eventId: string;
  readonly eventType: string;
  readonly channel: string;
  readonly platform: string | null;
  readonly pageName: string | null;
  readonly sessionId: string | null;
  readonly itemId: string | null;
  readonly priceCents: number | null;
  /** "YYYY-MM-DDTHH:MM:SS" */
  readonly time: string;
  readonly unionId: string | null;
  readonly openId: string | null;
  readonly deviceId: string | null;
  /**
   * A consent event (`event_type` "consent") states, at its time, on every identifier it
   * carries, consent to `consent_purpose` ("ads" / "email") as `consent_granted` says; null
   * (or absent) for any other event.
   */
  readonly consent?: { readonly purpose: ConsentPurpose; readonly granted: boolean } | null;
}

/** The event_type of a consent statement. */
export const CONSENT_EVENT = 'consent';

/** A purchase is an event of type purchase with an item and a price; revenue = price, quantity 1. */
export function isPurchase(e: AppEvent): boolean {
  return e.eventType === 'purchase' && e.itemId !== null && e.priceCents !== null;
}

/** Validates one decoded JSON event; throws RowRejected with the reason. */
export function parseAppEvent(row: Record<string, unknown>): AppEvent {
  const priceCents = 'item_price' in row ? cents(row, 'item_price') : null;
  const event: AppEvent = {
    eventId: required(row, 'event_id'),
    eventType: required(row, 'event_type'),
    channel: required(row, 'channel'),
    platform: optional(row, 'platform'),
    pageName: optional(row, 'page_name'),
    sessionId: optional(row, 'session_id'),
    itemId: optional(row, 'item_id'),
    priceCents,
    time: timestamp(row, 'event_time'),
    unionId: optional(row, 'union_id'),
    openId: optional(row, 'open_id'),
    deviceId: optional(row, 'device_id'),
    consent: null,
  };
  if (!event.unionId && !event.openId && !event.deviceId) {
    throw new RowRejected('no identifier: one of union_id, open_id, device_id is required');
  }
  if (event.eventType === 'purchase' && (event.itemId === null || event.priceCents === null)) {
    throw new RowRejected('a purchase needs item_id and item_price');
  }
  if (event.eventType === CONSENT_EVENT) {
    const purpose = consentPurpose(row, 'consent_purpose');
    const granted = consentFlag(row, 'consent_granted');
    if (granted === null) throw new RowRejected('empty consent_granted');
    return { ...event, consent: { purpose, granted } };
  }
  return event;
}
