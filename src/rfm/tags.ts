import { segmentOf, type SegmentRule } from './segment-rules.js';
import { channelsAsOf, rfmAsOf, type PurchaseSummary, type Rfm } from './summary.js';

export const HIGH_VALUE_TAG = 'High Value';

/** A custom tag defined by a rule over RFM and profile fields. */
export interface TagRule {
  readonly tag: string;
  readonly recencyMax?: number;
  readonly frequencyMin?: number;
  readonly monetaryMin?: number;
  /** Profile fields that must equal the given values (level, gender, registerChannel). */
  readonly profile?: Readonly<Record<string, string>>;
}

export interface TagSettings {
  readonly segmentRules: readonly SegmentRule[];
  readonly highValueThreshold: number;
  readonly tagRules: readonly TagRule[];
}

export interface PersonTags {
  readonly rfm: Rfm;
  readonly segment: string;
  readonly tags: readonly string[];
}

export function channelTag(channel: string): string {
  return `channel_${channel}`;
}

/**
 * The tags of one person as of a date: its RFM segment, channel_<channel> for every channel
 * it bought in, "High Value" at or above the threshold, the custom rule tags it meets, and
 * consent_<purpose> for each purpose it consents to.
 * Null when it has no RFM by then (no tags at all).
 */
export function tagsOf(s: PurchaseSummary, asOf: string, settings: TagSettings): PersonTags | null {
  const rfm = rfmAsOf(s, asOf);
  if (!rfm) return null;
  const segment = segmentOf(rfm, settings.segmentRules);
  const tags = [segment, ...channelsAsOf(s, asOf).map(channelTag)];
  if (rfm.monetaryCents >= Math.round(settings.highValueThreshold * 100)) tags.push(HIGH_VALUE_TAG);
  for (const rule of settings.tagRules) if (matches(rule, rfm, s)) tags.push(rule.tag);
  // consent_<purpose>: exports and deltas for a purpose keep only these persons
  for (const purpose of s.consents) tags.push(`consent_${purpose}`);
  return { rfm, segment, tags };
}

function matches(rule: TagRule, rfm: Rfm, s: PurchaseSummary): boolean {
  if (rule.recencyMax !== undefined && rfm.recencyDays > rule.recencyMax) return false;
  if (rule.frequencyMin !== undefined && rfm.frequency < rule.frequencyMin) return false;
  if (rule.monetaryMin !== undefined && rfm.monetaryCents < Math.round(rule.monetaryMin * 100))
    return false;
  for (const [field, value] of Object.entries(rule.profile ?? {}))
    if ((s.profile as unknown as Record<string, unknown>)[field] !== value) return false;
  return true;
}
