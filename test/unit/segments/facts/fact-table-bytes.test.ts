import { describe, expect, it } from 'vitest';
import type { PurchaseSummary } from '../../../../src/rfm/summary.js';
import { FactTable } from '../../../../src/segments/facts/fact-table.js';

const summary = (pid: number): PurchaseSummary => ({
  pid,
  oneId: `OID${pid}`,
  days: ['2026-01-01'],
  dayCents: [1000],
  dayBought: [true],
  channels: ['app'],
  channelFirstDays: ['2026-01-01'],
  identifierTypes: ['mobile_hash'],
  consents: [],
  segmentLists: [],
  profile: {
    level: 'gold',
    gender: null,
    registerChannel: null,
    totalPoints: 10,
    registerDate: null,
    birthday: null,
  },
});

/** 1 + 4 + 4 + 8 + 8 + 4 + 1 + 2 + 2 + 2 + 4 + 4: the twelve typed columns, per row. */
const ROW_BYTES = 44;

describe('FactTable.bytes', () => {
  it('is nothing for an empty table', () => {
    expect(new FactTable('2026-06-06').bytes()).toBe(0);
  });

  it('counts every column at the allocated capacity', () => {
    const table = new FactTable('2026-06-06');
    table.set(summary(1));
    expect(table.bytes()).toBe(1024 * ROW_BYTES); // the first allocation holds 1024 rows
    table.set(summary(5000)); // grows to exactly the pid needed past 1.5 times 1024
    expect(table.bytes()).toBe(5001 * ROW_BYTES);
    table.delete(5000); // deleting keeps the columns
    expect(table.bytes()).toBe(5001 * ROW_BYTES);
  });
});
