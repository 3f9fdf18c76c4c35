import { InputError, NotFoundError } from '../errors.js';
import { preview } from '../input-limits.js';
import type { Gateway } from '../neo4j/gateway.js';
import type { Purpose } from './consent.js';
import { readVersions } from './package-version.js';
import { RoaringBitmap32 } from './roaring.js';

/** Who entered and left a package's consented set for a purpose between two versions. */
export interface AudienceDelta {
  readonly id: string;
  readonly purpose: Purpose;
  readonly fromVersion: number;
  readonly toVersion: number;
  /** The latest version's reference date (the RFM segment of the rows is taken as of it). */
  readonly asOf: string;
  /** In the latest version's consented set and not in version `fromVersion`'s. */
  readonly entered: RoaringBitmap32;
  /** In version `fromVersion`'s consented set and not in the latest's. */
  readonly left: RoaringBitmap32;
  /** Members of the latest version left out for lack of consent to the purpose. */
  readonly leftOutWithoutConsent: number;
}

/**
 * The delta of package `id` since version `since` (0: everyone is an enter) for `purpose`:
 * one read of the two versions. NOT_FOUND for an unknown package; BAD_USER_INPUT naming
 * `sinceVersion` (and the oldest kept version) for a version that does not exist or was pruned.
 */
export async function audienceDelta(
  db: Gateway,
  id: string,
  since: number,
  purpose: Purpose,
): Promise<AudienceDelta> {
  if (!Number.isInteger(since) || since < 0)
    throw new InputError('sinceVersion: a whole number, 0 or more.', 'sinceVersion');
  const read = await readVersions(db, id, since);
  if (!read) throw new NotFoundError(`No audience package ${preview(id)}.`, { id: preview(id) });
  if (!read.latest)
    throw new InputError(
      `id: package ${preview(id)} was created before packages had versions; replace it to start its versions.`,
      'id',
    );
  const { latest, oldest } = read;
  if (since > 0 && !read.since)
    throw new InputError(
      `sinceVersion: package ${preview(id)} has no version ${since} (it does not exist or was pruned); the oldest kept version is ${oldest}, the latest ${latest.version}.`,
      'sinceVersion',
      { oldestVersion: oldest, latestVersion: latest.version },
    );
  const to = latest.consented[purpose];
  const from = read.since?.consented[purpose] ?? new RoaringBitmap32();
  return {
    id,
    purpose,
    fromVersion: since,
    toVersion: latest.version,
    asOf: latest.asOf,
    entered: RoaringBitmap32.andNot(to, from),
    left: RoaringBitmap32.andNot(from, to),
    leftOutWithoutConsent: latest.members.size - to.size,
  };
}
