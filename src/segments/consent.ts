import type { BitmapStore } from './bitmap-store.js';
import { RoaringBitmap32, type ReadonlyRoaringBitmap32 } from './roaring.js';
import type { SegmentMaintenance } from './segment-maintenance.js';
import type { TagCatalog } from './tag-catalog.js';

/** The purposes a person consents to, each kept as the tag `consent_<purpose>`. */
export const PURPOSES = ['ads', 'email'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const consentTag = (purpose: Purpose): string => `consent_${purpose}`;

/** The persons consenting to `purpose` in `catalog`; a missing tag is nobody. */
export function consentBitmap(catalog: TagCatalog, purpose: Purpose): ReadonlyRoaringBitmap32 {
  return catalog.lookup(consentTag(purpose)) ?? new RoaringBitmap32();
}

/** The members of each purpose's consent set (members AND consent_<purpose>). */
export function consentedSets(
  members: ReadonlyRoaringBitmap32,
  catalog: TagCatalog,
): Record<Purpose, RoaringBitmap32> {
  return {
    ads: RoaringBitmap32.and(members, consentBitmap(catalog, 'ads')),
    email: RoaringBitmap32.and(members, consentBitmap(catalog, 'email')),
  };
}

/** Consent as this process's bitmaps hold it now (the reference date's catalog). */
export class Consents {
  constructor(
    private readonly store: BitmapStore,
    private readonly maintenance: SegmentMaintenance,
  ) {}

  /** `members` without the persons who do not consent to `purpose`, and how many those are. */
  async filter(
    members: ReadonlyRoaringBitmap32,
    purpose: Purpose,
  ): Promise<{ members: RoaringBitmap32; leftOut: number }> {
    await this.maintenance.init();
    const kept = RoaringBitmap32.and(members, consentBitmap(this.store.catalog(), purpose));
    return { members: kept, leftOut: members.size - kept.size };
  }
}
