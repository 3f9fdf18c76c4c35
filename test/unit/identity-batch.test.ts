import { describe, expect, it } from 'vitest';
import { prepareBatch } from '../../src/identity/identity-batch.js';
import type { IdRef } from '../../src/identity/ids.js';

const check = (ref: IdRef) =>
  ref.value === 'blocked'
    ? ({ ok: false, reason: 'blocked' } as const)
    : ({ ok: true, ref: { ...ref, value: ref.value.trim() } } as const);

describe('prepareBatch', () => {
  it('keeps one row per identifier with the earliest first-seen and latest last-seen', () => {
    const batch = prepareBatch(
      {
        identifiers: [{ type: 'member_id', value: ' M1 ', seenAt: '2024-02-01T00:00:00' }],
        links: [
          {
            a: { type: 'member_id', value: 'M1' },
            b: { type: 'union_id', value: 'u1' },
            source: 'crm',
            confidence: 1,
            firstSeen: '2024-01-01T00:00:00',
            lastSeen: '2024-03-01T00:00:00',
          },
        ],
      },
      'test',
      check,
    );
    expect(batch.identifiers).toEqual([
      {
        key: 'member_id:M1',
        type: 'member_id',
        value: 'M1',
        seenAt: '2024-01-01T00:00:00',
        lastSeen: '2024-03-01T00:00:00',
        source: 'test',
      },
      {
        key: 'union_id:u1',
        type: 'union_id',
        value: 'u1',
        seenAt: '2024-01-01T00:00:00',
        lastSeen: '2024-03-01T00:00:00',
        source: 'crm',
      },
    ]);
    expect(batch.links).toHaveLength(1);
  });

  it('drops links with a refused end or to themselves, and keeps one link per pair', () => {
    const a = { type: 'union_id', value: 'u1' };
    const b = { type: 'open_id', value: 'o1' };
    const link = (x: IdRef, y: IdRef, confidence: number) => ({
      a: x,
      b: y,
      source: 's',
      confidence,
      firstSeen: 't',
      lastSeen: 't',
    });
    const batch = prepareBatch(
      {
        identifiers: [],
        links: [
          link(a, b, 0.9),
          link(b, a, 0.95),
          link(a, { type: 'device_id', value: 'blocked' }, 1),
          link(a, a, 1),
        ],
      },
      'test',
      check,
    );
    expect(batch.links.map((l) => l.confidence)).toEqual([0.95]);
    expect(batch.skipped).toEqual([
      { ref: { type: 'device_id', value: 'blocked' }, reason: 'blocked' },
    ]);
  });
});
