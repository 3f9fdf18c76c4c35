import { describe, expect, it } from 'vitest';
import { parseAppEvent } from '../../../src/events/app-event.js';

const purchase = (itemPrice: unknown) => ({
  event_id: 'E1',
  union_id: 'u1',
  event_type: 'purchase',
  item_id: 'SKU1',
  item_price: itemPrice,
  channel: 'miniapp',
  event_time: '2024-11-01 08:15:00',
});

describe('parseAppEvent prices', () => {
  // The first four are amounts that Math.round(amount * 100) on a double rounds the wrong way.
  it.each([
    [1234567.005, 123_456_701],
    ['1234567.005', 123_456_701],
    [70368744177.665, 7_036_874_417_767],
    ['0.004999999995', 0],
    [1.005, 101],
    ['19.90', 1990],
  ])('reads item_price %j as %d cents, rounding the decimal half away from zero', (price, want) => {
    expect(parseAppEvent(purchase(price)).priceCents).toBe(want);
  });

  it('rejects a price too large for exact cents and a malformed one', () => {
    expect(() => parseAppEvent(purchase('1' + '0'.repeat(20)))).toThrow('item_price out of range');
    expect(() => parseAppEvent(purchase('cheap'))).toThrow(
      'malformed number "cheap" in item_price',
    );
  });
});
