import { describe, expect, it } from 'vitest';
import type { PersonPage, SummaryRecord } from '../../../src/identity/person-queries.js';
import { pageSummary, personRfmOf } from '../../../src/rfm/person-rfm.js';
import { defaultSegmentRules } from '../../../src/rfm/segment-rules.js';
import { defaultDefinitions } from '../../../src/segments/definitions/default-definitions.js';
import { SegmentDefinitions } from '../../../src/segments/definitions/segment-definitions.js';
import { taggerOf } from '../../../src/segments/definitions/segment-registry.js';

const settings = taggerOf(
  new SegmentDefinitions(
    defaultDefinitions(
      {
        segmentRules: defaultSegmentRules,
        highValueThreshold: 100,
        tagRules: [{ tag: 'Gold buyers', profile: { level: 'gold' } }],
      },
      '',
    ),
  ),
);

const summary: SummaryRecord = {
  days: ['2026-01-01', '2026-03-01', '2026-05-01'],
  dayCents: [10_000, -2_500, 25_000],
  dayBought: [true, false, true],
  channels: ['app', 'pos'],
  channelFirstDays: ['2026-01-01', '2026-05-01'],
  identifierTypes: ['member_id'],
  consents: [],
  segmentLists: [],
};

function page(withSummary: SummaryRecord | null, level: string | null = 'gold'): PersonPage {
  return {
    person: { pid: 7, oneId: 'OID7', status: 'active', createdAt: '2025-01-01T00:00:00' },
    details: {
      identifiers: [],
      consent: [],
      profile: {
        memberId: 'M7',
        realName: null,
        gender: 'f',
        birthday: null,
        registerDate: null,
        registerChannel: 'store',
        level,
        totalPoints: null,
        updatedAt: '2025-01-01T00:00:00',
        deleted: false,
      },
    },
    summary: withSummary,
  };
}

describe('personRfmOf: RFM and tags from the summary read with the page', () => {
  it('counts the days up to the as-of date, with the profile for custom tags', () => {
    expect(personRfmOf(page(summary), '2026-06-06', settings)).toEqual({
      pid: 7,
      oneId: 'OID7',
      rfm: {
        recencyDays: 36,
        frequency: 2,
        monetaryCents: 32_500,
        firstPurchaseDate: '2026-01-01',
        lastPurchaseDate: '2026-05-01',
      },
      segment: 'Champions',
      tags: ['Champions', 'channel_app', 'channel_pos', 'High Value', 'Gold buyers'],
    });
    // an earlier date: the later days and channels are left out
    expect(personRfmOf(page(summary, 'silver'), '2026-03-31', settings)).toMatchObject({
      rfm: { frequency: 1, monetaryCents: 7_500, lastPurchaseDate: '2026-01-01' },
      tags: ['At Risk', 'channel_app'],
    });
  });

  it('is null for an unknown person and before the first purchase', () => {
    expect(personRfmOf(null, '2026-06-06', settings)).toBeNull();
    expect(personRfmOf(page(summary), '2025-12-31', settings)).toBeNull();
    const empty = {
      ...summary,
      days: [],
      dayCents: [],
      dayBought: [],
      channels: [],
      channelFirstDays: [],
    };
    expect(personRfmOf(page(empty), '2026-06-06', settings)).toBeNull();
  });

  it('refuses a page read without its summary rather than answer "no purchases"', () => {
    expect(pageSummary(page(null))).toBeNull();
    expect(() => personRfmOf(page(null), '2026-06-06', settings)).toThrow(/without its summary/);
  });
});
