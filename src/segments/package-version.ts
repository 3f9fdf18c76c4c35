import type { Gateway } from '../neo4j/gateway.js';
import { toBytes } from '../neo4j/values.js';
import { decodeBitmap, encodeBitmap } from './bitmap-codec.js';
import { consentedSets, type Purpose } from './consent.js';
import type { ReadonlyRoaringBitmap32, RoaringBitmap32 } from './roaring.js';
import type { TagCatalog } from './tag-catalog.js';

/**
 * What one evaluation of a package gives: its members and, per purpose, the members who
 * consent to it, as of a feed sequence and reference date.
 */
export interface PackageContent {
  readonly sequence: number;
  readonly asOf: string;
  readonly members: RoaringBitmap32;
  readonly consented: Readonly<Record<Purpose, RoaringBitmap32>>;
}

/** A stored version of a package (`PackageVersion`), decoded. */
export interface PackageVersion extends PackageContent {
  readonly version: number;
  /** When it was stored, RFC 3339. */
  readonly at: string;
}

/** A `PackageVersion` node as read (see cypher/segments/read-package-versions.cypher). */
export interface StoredVersion {
  version: number;
  sequence: number;
  asOf: string;
  at: string;
  count: number;
  data: Uint8Array;
  adsData: Uint8Array;
  adsCount: number;
  emailData: Uint8Array;
  emailCount: number;
}

/** The content of `members` against the consent tags of `catalog`. */
export function contentOf(
  members: RoaringBitmap32,
  catalog: TagCatalog,
  sequence: number,
  asOf: string,
): PackageContent {
  return { sequence, asOf, members, consented: consentedSets(members, catalog) };
}

/** Whether two evaluations hold the same members and the same consented members. */
export function sameContent(a: PackageContent, b: PackageContent): boolean {
  return (
    a.members.isEqual(b.members) &&
    a.consented.ads.isEqual(b.consented.ads) &&
    a.consented.email.isEqual(b.consented.email)
  );
}

const encode = (b: ReadonlyRoaringBitmap32) => toBytes(encodeBitmap(b, 1));

/** The version properties of `content` (params of create-package / write-package-version). */
export function versionParams(content: PackageContent) {
  return {
    sequence: content.sequence,
    asOf: content.asOf,
    count: content.members.size,
    data: encode(content.members),
    adsData: encode(content.consented.ads),
    adsCount: content.consented.ads.size,
    emailData: encode(content.consented.email),
    emailCount: content.consented.email.size,
  };
}

export function decodeVersion(v: StoredVersion): PackageVersion {
  return {
    version: v.version,
    at: v.at,
    sequence: v.sequence,
    asOf: v.asOf,
    members: decodeBitmap(v.data).bitmap,
    consented: { ads: decodeBitmap(v.adsData).bitmap, email: decodeBitmap(v.emailData).bitmap },
  };
}

/** A package's latest version and version `since` (null for 0, or one not kept), one read. */
export async function readVersions(
  db: Gateway,
  id: string,
  since: number,
): Promise<
  { latest: PackageVersion | null; since: PackageVersion | null; oldest: number | null } | undefined
> {
  const [row] = await db.readQuery<{
    latest: StoredVersion | null;
    since: StoredVersion | null;
    oldest: number | null;
  }>('segments/read-package-versions', { id, since });
  if (!row) return undefined;
  return {
    latest: row.latest ? decodeVersion(row.latest) : null,
    since: row.since ? decodeVersion(row.since) : null,
    oldest: row.oldest,
  };
}

/**
 * Stores `content` as version `expected + 1` of live package `id` if its latest version is
 * still `expected` and not of a later feed sequence. Returns the new version, or undefined
 * when another process wrote first (nothing written).
 */
export async function writeVersion(
  db: Gateway,
  id: string,
  expected: number,
  content: PackageContent,
): Promise<number | undefined> {
  try {
    const [row] = await db.writeQuery<{ version: number }>('segments/write-package-version', {
      id,
      expected,
      v: versionParams(content),
      now: new Date().toISOString(),
    });
    return row?.version;
  } catch (error) {
    // the (packageId, version) constraint: another process stored that version first
    if ((error as { code?: string }).code === 'Neo.ClientError.Schema.ConstraintValidationFailed')
      return undefined;
    throw error;
  }
}

/** Deletes the versions stored before `before` (each package's latest is kept); how many. */
export async function pruneVersions(db: Gateway, before: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await db.writeQuery<{ pruned: number }>('segments/prune-package-versions', {
      before: before.toISOString(),
      limit: 10_000,
    });
    const pruned = row?.pruned ?? 0;
    total += pruned;
    if (pruned < 10_000) return total;
  }
}
