import { rfmAsOf, type PurchaseSummary, type Rfm } from './summary.js';

/** A configured tag rule (it seeds a saved rule segment; see src/segments/definitions). */
export interface TagRule {
  readonly tag: string;
  readonly recencyMax?: number;
  readonly frequencyMin?: number;
  readonly monetaryMin?: number;
  /** Profile fields that must equal the given values (level, gender, registerChannel). */
  readonly profile?: Readonly<Record<string, string>>;
}

/** A person's segment in the RFM group (null: none) and every tag it carries, as of a date. */
export interface TaggedPerson {
  readonly segment: string | null;
  readonly tags: readonly string[];
}

/**
 * How a person's segment and tags are computed from its summary: the saved segments
 * (src/segments/definitions), which change at run time.
 */
export interface Tagger {
  tagsOf(s: PurchaseSummary, rfm: Rfm | null, asOf: string): TaggedPerson;
  /** Resolves once the definitions are loaded (none to load: absent). */
  ready?(): Promise<void>;
}

/** The segment of a person with RFM that no rule of the RFM group names. */
export const UNCLASSIFIED_SEGMENT = 'Unclassified';

export interface PersonTags {
  readonly rfm: Rfm;
  readonly segment: string;
  readonly tags: readonly string[];
}

/**
 * RFM, segment and tags of one person as of a date. Null when it has no RFM by then (a person
 * without purchases may still carry tags: see `Tagger.tagsOf`).
 */
export function tagsOf(s: PurchaseSummary, asOf: string, tagger: Tagger): PersonTags | null {
  const rfm = rfmAsOf(s, asOf);
  if (!rfm) return null;
  const t = tagger.tagsOf(s, rfm, asOf);
  return { rfm, segment: t.segment ?? UNCLASSIFIED_SEGMENT, tags: t.tags };
}
