/** How a saved segment selects its persons. */
export type SegmentKind = 'rule' | 'expression' | 'static';

export const SEGMENT_KINDS: readonly SegmentKind[] = ['rule', 'expression', 'static'];

/** A saved segment as stored in the graph (`Segment` nodes). */
export interface SegmentDefinition {
  readonly name: string;
  readonly kind: SegmentKind;
  /** The rule or the expression; empty for a static segment. */
  readonly definition: string;
  /**
   * An exclusive group of rule segments ("rfm"): a person is in the first segment of its group,
   * by rank, whose rule it meets, and only if it bought by the reference date. Null: none.
   */
  readonly group: string | null;
  readonly rank: number | null;
  readonly description: string | null;
  /** Goes up with every change of the definition. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a mutation gives to define or redefine a segment. */
export interface SegmentInput {
  readonly name: string;
  readonly kind: SegmentKind;
  readonly definition: string;
  readonly group?: string | null;
  readonly rank?: number | null;
  readonly description?: string | null;
}

/** The RFM group: the ordered segments that name a person's RFM segment. */
export const RFM_GROUP = 'rfm';

/** A person with RFM that meets no rule of the RFM group (the name the RFM domain gives it). */
export { UNCLASSIFIED_SEGMENT as UNCLASSIFIED } from '../../rfm/tags.js';

/** Tags every person may carry beside the saved segments, derived from its data. */
export const CHANNEL_TAG_PREFIX = 'channel_';
export const CONSENT_TAG_PREFIX = 'consent_';

export function channelTag(channel: string): string {
  return `${CHANNEL_TAG_PREFIX}${channel}`;
}

export function consentTag(purpose: string): string {
  return `${CONSENT_TAG_PREFIX}${purpose}`;
}
