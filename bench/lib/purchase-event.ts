import type { AppEvent } from '../../src/events/app-event.js';

/**
 * A miniapp purchase by the app user `unionId` (`eventId` names it): the event a bench writes
 * to make a person buy, through the service's own event writer.
 */
export function purchaseEvent(
  eventId: string,
  unionId: string,
  opts: { item: string; cents: number; time: string },
): AppEvent {
  return {
    eventId,
    eventType: 'purchase',
    channel: 'miniapp',
    platform: 'ios',
    pageName: null,
    sessionId: null,
    itemId: opts.item,
    priceCents: opts.cents,
    time: opts.time,
    unionId,
    openId: null,
    deviceId: null,
  };
}
