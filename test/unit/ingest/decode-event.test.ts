import { describe, expect, it } from 'vitest';
import { decodeEvent } from '../../../src/ingest/kafka/decode-event.js';

const valid = {
  event_id: 'E1',
  union_id: 'u1',
  event_type: 'purchase',
  item_id: 'SKU1',
  item_price: 19.9,
  channel: 'miniapp',
  event_time: '2024-11-01 08:15:00',
};
const decode = (value: unknown) =>
  decodeEvent(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)));

describe('decodeEvent', () => {
  it('decodes an event in the seed format', () => {
    const decoded = decode(valid);
    expect(decoded.ok && decoded.event).toMatchObject({
      eventId: 'E1',
      priceCents: 1990,
      time: '2024-11-01T08:15:00',
    });
  });

  it.each([
    ['', 'empty message'],
    ['{"event_id": ', /^not JSON/],
    ['[1,2]', 'not a JSON object'],
    [
      JSON.stringify({ ...valid, union_id: null }),
      'no identifier: one of union_id, open_id, device_id is required',
    ],
    [
      JSON.stringify({ ...valid, event_time: '2024-13-01' }),
      'malformed date "2024-13-01" in event_time',
    ],
    [JSON.stringify({ ...valid, item_id: null }), 'a purchase needs item_id and item_price'],
  ])('gives the reason for %j', (value, reason) => {
    const decoded = decodeEvent(Buffer.from(value));
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason).toMatch(reason);
  });
});
