import { describe, expect, it } from 'vitest';
import { freshLines } from '../../../src/purchases/fresh-lines.js';
import type { PurchaseRecord } from '../../../src/purchases/purchase-record.js';

const record = (key: string, lines: string[]): PurchaseRecord => ({
  key,
  source: 'online_retail',
  orderId: key,
  customerId: null,
  day: '2010-01-01',
  time: '2010-01-01T00:00:00',
  cancelled: false,
  lines: lines.map((k, i) => ({ key: k, cents: i })),
});

describe('freshLines', () => {
  it('keeps new purchases whole, cuts known ones to their new lines, drops the fully known', () => {
    const stored = new Map([
      ['b', ['b1', 'b2']],
      ['c', ['c1']],
    ]);
    const out = freshLines(
      [record('a', ['a1', 'a2']), record('b', ['b1', 'b3', 'b2', 'b4']), record('c', ['c1'])],
      stored,
    );
    expect(out.map((r) => [r.key, r.lines])).toEqual([
      [
        'a',
        [
          { key: 'a1', cents: 0 },
          { key: 'a2', cents: 1 },
        ],
      ],
      [
        'b',
        [
          { key: 'b3', cents: 1 },
          { key: 'b4', cents: 3 },
        ],
      ],
    ]);
  });
});
