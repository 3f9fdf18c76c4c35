import type { IdentityBatch, LinkObservation } from '../identity/identity-service.js';
import { idKey, type IdRef } from '../identity/ids.js';
import type { Keyed } from './member-identifiers.js';
import type { Member } from './member.js';

/** How rows of equal `updated_at` are ordered. */
export type TieRule =
  /** Files, replays: an equal `updated_at` is the version already applied, a no-op. */
  | 'keep'
  /**
   * The source's own commit order (binlog, its snapshot): an equal `updated_at` is a later
   * change within the same second (DATETIME has whole seconds) and applies.
   */
  | 'replace';

/** One member whose row is newer than its stored profile: profile and contacts are replaced. */
export interface FreshMember {
  readonly member: Keyed<Member>;
  /** The stored `profileUpdatedAt` the decision was made against (null: no profile). */
  readonly expected: string | null;
  /** The member's identifier key. */
  readonly key: string;
  /** Identifier keys of the member's present contacts. */
  readonly contacts: readonly string[];
}

export interface MemberPlan {
  readonly fresh: readonly FreshMember[];
  /** Every row's member and contact links: active for fresh rows, history for the rest. */
  readonly batch: IdentityBatch;
}

/** The member_id identifier of a row. */
export const memberRef = (m: { readonly memberId: string }): IdRef => ({
  type: 'member_id',
  value: m.memberId,
});

const contactsOf = (m: Member): IdRef[] => [
  ...(m.mobileHash ? [{ type: 'mobile_hash', value: m.mobileHash }] : []),
  ...(m.emailHash ? [{ type: 'email_hash', value: m.emailHash }] : []),
];

/** A row's first sighting: the member's register date, else the row's own time. */
export const seenOf = (m: { readonly registerDate: string | null; readonly updatedAt: string }) =>
  m.registerDate ? `${m.registerDate}T00:00:00` : m.updatedAt;

/**
 * The newest row of each key: a row replaces the one kept for its key when it is `newer`
 * than it, so of rows equal in time the first stays.
 */
export function newestByKey<R extends { readonly key: string }>(
  rows: readonly R[],
  newer: (row: R, than: R) => boolean,
): Map<string, R> {
  const newest = new Map<string, R>();
  for (const row of rows) {
    const kept = newest.get(row.key);
    if (!kept || newer(row, kept)) newest.set(row.key, row);
  }
  return newest;
}

/**
 * Decides a batch of CRM rows against the stored profiles, so that the outcome does not
 * depend on the order rows arrive in, across batches or within one. Pure.
 *
 * Per member the newest row of the batch is the candidate (equal times: `ties`); it is
 * fresh when the member has no stored profile, or its `updated_at` is later than the stored
 * one (equal: `ties`). Every other row, and a candidate that is not fresh, is history: its
 * contacts are recorded as inactive links with their sightings, which is what the row would
 * have left behind had it arrived in time (its contacts replaced by newer ones), and which
 * never re-activates a link nor changes a profile.
 *
 * `stored` maps member keys to their `profileUpdatedAt`. The members' identifiers are
 * normalized already (`normalizeMemberIds`).
 */
export function planMemberUpsert(
  members: readonly Keyed<Member>[],
  stored: ReadonlyMap<string, string | null>,
  ties: TieRule,
): MemberPlan {
  const newest = newestByKey(members, (m, than) => later(m.updatedAt, than.updatedAt, ties));
  const fresh: FreshMember[] = [];
  const freshRows = new Set<Member>();
  for (const [key, member] of newest) {
    const expected = stored.get(key) ?? null;
    if (expected !== null && !later(member.updatedAt, expected, ties)) continue;
    freshRows.add(member);
    fresh.push({ member, expected, key, contacts: contactsOf(member).map(idKey) });
  }
  const identifiers: IdentityBatch['identifiers'][number][] = [];
  const links: LinkObservation[] = [];
  for (const m of members) {
    const ref = memberRef(m);
    identifiers.push({ ...ref, seenAt: seenOf(m), lastSeen: m.updatedAt });
    for (const contact of contactsOf(m)) {
      links.push({
        a: ref,
        b: contact,
        source: 'crm',
        confidence: 1,
        firstSeen: seenOf(m),
        lastSeen: m.updatedAt,
        active: freshRows.has(m),
      });
    }
  }
  return { fresh, batch: { identifiers, links } };
}

function later(time: string, than: string, ties: TieRule): boolean {
  return time > than || (ties === 'replace' && time === than);
}
