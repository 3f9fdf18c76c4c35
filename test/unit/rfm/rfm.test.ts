import { describe, expect, it } from 'vitest';
import { defaultSegmentRules, segmentOf } from '../../../src/rfm/segment-rules.js';
import { QuintileScale } from '../../../src/rfm/scores.js';
import {
  channelsAsOf,
  daysBetween,
  rfmAsOf,
  type PurchaseSummary,
} from '../../../src/rfm/summary.js';
import { tagsOf } from '../../../src/rfm/tags.js';
import { defaultDefinitions } from '../../../src/segments/definitions/default-definitions.js';
import { SegmentDefinitions } from '../../../src/segments/definitions/segment-definitions.js';
import { taggerOf } from '../../../src/segments/definitions/segment-registry.js';

const summary = (
  days: [string, number, boolean][],
  channels: [string, string][] = [],
): PurchaseSummary => ({
  pid: 1,
  oneId: 'OID1',
  days: days.map((d) => d[0]),
  dayCents: days.map((d) => d[1]),
  dayBought: days.map((d) => d[2]),
  channels: channels.map((c) => c[0]),
  channelFirstDays: channels.map((c) => c[1]),
  identifierTypes: [],
  consents: [],
  segmentLists: [],
  profile: {
    level: null,
    gender: null,
    registerChannel: null,
    totalPoints: null,
    registerDate: null,
    birthday: null,
  },
});

describe('rfmAsOf', () => {
  it('counts distinct purchase days, sums cents and measures recency to the as-of date', () => {
    const s = summary([
      ['2024-11-01', 8990, true],
      ['2024-11-05', 7500, true],
    ]);
    expect(rfmAsOf(s, '2026-06-06')).toEqual({
      recencyDays: 578,
      frequency: 2,
      monetaryCents: 16490,
      firstPurchaseDate: '2024-11-01',
      lastPurchaseDate: '2024-11-05',
    });
  });

  it('lets a cancellation count in monetary without being a purchase day', () => {
    const s = summary([
      ['2010-01-01', 10000, true],
      ['2010-02-01', -2500, false],
    ]);
    expect(rfmAsOf(s, '2010-03-01')).toMatchObject({
      frequency: 1,
      monetaryCents: 7500,
      lastPurchaseDate: '2010-01-01',
      recencyDays: 59,
    });
  });

  it('ignores days after the as-of date and gives null without purchases by then', () => {
    const s = summary([
      ['2024-11-01', 100, true],
      ['2024-12-01', 900, true],
    ]);
    expect(rfmAsOf(s, '2024-11-15')).toMatchObject({ frequency: 1, monetaryCents: 100 });
    expect(rfmAsOf(s, '2024-10-31')).toBeNull();
    expect(rfmAsOf(summary([['2024-11-01', -100, false]]), '2025-01-01')).toBeNull();
  });

  it('knows channels by their first purchase day', () => {
    const s = summary(
      [],
      [
        ['app', '2024-11-02'],
        ['miniapp', '2025-01-01'],
      ],
    );
    expect(channelsAsOf(s, '2024-12-31')).toEqual(['app']);
  });

  it('counts days across a leap year', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });
});

describe('segments', () => {
  const rfm = (recencyDays: number, frequency: number, monetary: number) => ({
    recencyDays,
    frequency,
    monetaryCents: monetary * 100,
    firstPurchaseDate: '',
    lastPurchaseDate: '',
  });
  it('applies the seed rules in order', () => {
    expect(segmentOf(rfm(200, 2, 300), defaultSegmentRules)).toBe('Champions');
    expect(segmentOf(rfm(201, 2, 300), defaultSegmentRules)).toBe('Loyal Customers');
    expect(segmentOf(rfm(578, 2, 164.9), defaultSegmentRules)).toBe('Loyal Customers');
    expect(segmentOf(rfm(581, 1, 599), defaultSegmentRules)).toBe('At Risk');
    expect(segmentOf(rfm(2000, 1, 1), defaultSegmentRules)).toBe('Hibernating');
    expect(segmentOf(rfm(6022, 2, 294.9), defaultSegmentRules)).toBe('Lost');
  });

  it('tags a person with its segment, channels and High Value at the threshold', () => {
    const s = summary([['2024-11-02', 30000, true]], [['app', '2024-11-02']]);
    const settings = taggerOf(
      new SegmentDefinitions(
        defaultDefinitions(
          {
            segmentRules: defaultSegmentRules,
            highValueThreshold: 300,
            tagRules: [{ tag: 'Big app buyer', monetaryMin: 250 }],
          },
          '',
        ),
      ),
    );
    expect(tagsOf(s, '2026-06-06', settings)?.tags).toEqual([
      'At Risk',
      'channel_app',
      'High Value',
      'Big app buyer',
    ]);
    expect(tagsOf(s, '2024-11-01', settings)).toBeNull();
  });

  it('tags a person with consent_<purpose> for each purpose it consents to', () => {
    const s = { ...summary([['2024-11-02', 100, true]]), consents: ['ads', 'email'] };
    const settings = taggerOf(
      new SegmentDefinitions(
        defaultDefinitions(
          { segmentRules: defaultSegmentRules, highValueThreshold: 300, tagRules: [] },
          '',
        ),
      ),
    );
    expect(tagsOf(s, '2026-06-06', settings)?.tags).toEqual([
      'At Risk',
      'consent_ads',
      'consent_email',
    ]);
  });
});

describe('QuintileScale', () => {
  it('gives 1..5 by rank with ties sharing a score', () => {
    const f = new QuintileScale([1, 1, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect([1, 2, 5, 8].map((v) => f.score(v))).toEqual([1, 2, 4, 5]);
  });
  it('scores lower-is-better values in reverse', () => {
    const r = new QuintileScale([10, 20, 30, 40, 50], true);
    expect([10, 50].map((v) => r.score(v))).toEqual([5, 1]);
  });
});
