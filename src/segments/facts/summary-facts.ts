import { channelsAsOf, type PurchaseSummary, type Rfm } from '../../rfm/summary.js';
import type { PersonSegmentFacts } from '../definitions/segment-definitions.js';
import type { RuleFacts } from '../rule/index.js';
import type { ScoreScales } from './score-scales.js';

/**
 * What segment rules read of one person, from its summary as of a date. Scores need the
 * population's scales; without them they are null (a rule on them is false).
 */
export function summaryFacts(
  s: PurchaseSummary,
  rfm: Rfm | null,
  asOf: string,
  scales: ScoreScales | undefined,
): PersonSegmentFacts {
  const channels = channelsAsOf(s, asOf);
  const { profile } = s;
  const facts: RuleFacts = {
    recencyDays: rfm?.recencyDays ?? null,
    frequency: rfm?.frequency ?? null,
    monetaryCents: rfm?.monetaryCents ?? null,
    rScore: rfm && scales ? scales.r.score(rfm.recencyDays) : null,
    fScore: rfm && scales ? scales.f.score(rfm.frequency) : null,
    mScore: rfm && scales ? scales.m.score(rfm.monetaryCents) : null,
    totalPoints: profile.totalPoints ?? null,
    birthdayMonth: monthOf(profile.birthday),
    level: profile.level ?? null,
    gender: profile.gender ?? null,
    registerChannel: profile.registerChannel ?? null,
    registerDate: dateOf(profile.registerDate),
    hasChannel: (channel) => channels.includes(channel),
    hasIdentifierType: (type) => s.identifierTypes.includes(type),
  };
  return {
    facts,
    hasRfm: rfm !== null,
    channels,
    consents: s.consents,
    lists: s.segmentLists,
  };
}

/** The month 1..12 of a "YYYY-MM-DD…" date, null for none or a malformed one. */
export function monthOf(date: string | null | undefined): number | null {
  const m = /^\d{4}-(\d{2})-\d{2}/.exec(date ?? '');
  const month = m ? Number(m[1]) : NaN;
  return month >= 1 && month <= 12 ? month : null;
}

/** The "YYYY-MM-DD" day of a date or date-time, null for none or a malformed one. */
export function dateOf(date: string | null | undefined): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(date ?? '');
  return m ? (m[1] as string) : null;
}
