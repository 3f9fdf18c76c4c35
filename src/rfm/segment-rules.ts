import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import type { Rfm } from './summary.js';

/** One rule of the ordered segment list: every bound given must hold. */
export interface SegmentRule {
  readonly segment: string;
  readonly recencyMax?: number;
  readonly frequencyMin?: number;
  /** In currency units (not cents). */
  readonly monetaryMin?: number;
}

/** The seed's rules; the first rule that matches names the segment, the last matches all. */
export const defaultSegmentRules: readonly SegmentRule[] = [
  { segment: 'Champions', recencyMax: 200, frequencyMin: 2, monetaryMin: 300 },
  { segment: 'Loyal Customers', recencyMax: 600, frequencyMin: 2 },
  { segment: 'At Risk', recencyMax: 600 },
  { segment: 'Hibernating', recencyMax: 2000 },
  { segment: 'Lost' },
];

export function segmentOf(rfm: Rfm, rules: readonly SegmentRule[]): string {
  for (const r of rules) {
    if (r.recencyMax !== undefined && rfm.recencyDays > r.recencyMax) continue;
    if (r.frequencyMin !== undefined && rfm.frequency < r.frequencyMin) continue;
    if (r.monetaryMin !== undefined && rfm.monetaryCents < Math.round(r.monetaryMin * 100))
      continue;
    return r.segment;
  }
  return 'Unclassified';
}

export function loadSegmentRules(file: string | undefined): readonly SegmentRule[] {
  if (!file) return defaultSegmentRules;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new ConfigError(`${file}: expected a non-empty array of rules`);
  return parsed.map((r: Partial<SegmentRule>, i) => {
    if (typeof r.segment !== 'string' || r.segment.trim() === '')
      throw new ConfigError(`${file}[${i}]: segment name required`);
    for (const k of ['recencyMax', 'frequencyMin', 'monetaryMin'] as const) {
      if (r[k] !== undefined && typeof r[k] !== 'number')
        throw new ConfigError(`${file}[${i}].${k} must be a number`);
    }
    return r as SegmentRule;
  });
}
