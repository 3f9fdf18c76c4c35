import type { ConsentStatement } from '../consent/consent-statement.js';
import { recordConsentsInTx, withPids } from '../consent/consent-writer.js';
import type { IdentityService, IngestResult } from '../identity/identity-service.js';
import { nowStamp } from '../identity/ids.js';
import type { Keyed } from './member-identifiers.js';
import { memberRef, newestByKey, planMemberUpsert, seenOf, type TieRule } from './member-plan.js';
import type { DeletedMember, Member } from './member.js';

export interface UpsertMembersOptions {
  /** How a row whose updated_at equals the stored profile's is treated; default "keep". */
  readonly ties?: TieRule;
}

/** A write found a profile changed by a concurrent write after it read it: it is redone. */
class ProfileMoved extends Error {}

const ATTEMPTS = 5;

/**
 * Upserts CRM members by member_id: the profile, and member_id—mobile_hash / email_hash
 * links of confidence 1.0. Only a row newer than the stored profile changes it (see
 * `planMemberUpsert`); a changed contact deactivates the old link in the same transaction,
 * before re-clustering. Older rows leave their contacts as inactive links. The rows' consent
 * statements (at their updated_at) are recorded per purpose, older than the stored statement
 * changing nothing, and their persons refreshed. The members come from `normalizeMemberIds`.
 */
export async function upsertMembers(
  identity: IdentityService,
  members: readonly Keyed<Member>[],
  opts: UpsertMembersOptions = {},
): Promise<IngestResult> {
  const keys = [...new Set(members.map((m) => m.key))];
  const ties = opts.ties ?? 'keep';
  for (let attempt = 1; ; attempt++) {
    try {
      return await identity.transact('crm.upsert', async (tx) => {
        const stored = await tx.run<{ key: string; updatedAt: string | null }>(
          'crm/profile-times',
          { keys },
        );
        const plan = planMemberUpsert(
          members,
          new Map(stored.map((s) => [s.key, s.updatedAt])),
          ties,
        );
        let profiled: string[] = [];
        const ingested = await identity.ingestInTx(tx, plan.batch, 'crm', async (tx) => {
          if (plan.fresh.length === 0) return [];
          // The identifiers are write-locked now: a profile time still equal to the one
          // read above stays so until the commit, and the decisions made on it hold.
          const rows = plan.fresh.map(({ member: m, key, expected, contacts }) => ({
            key,
            expected,
            current: contacts,
            realName: m.realName,
            gender: m.gender,
            birthday: m.birthday,
            registerDate: m.registerDate,
            channel: m.channel,
            level: m.level,
            totalPoints: m.totalPoints,
            updatedAt: m.updatedAt,
          }));
          const stale = await tx.run<{ member: string; contact: string }>(
            'crm/deactivate-stale-contacts',
            { members: rows, now: nowStamp() },
          );
          const written = await tx.run<{ key: string }>('crm/upsert-profiles', { members: rows });
          if (written.length !== rows.length) throw new ProfileMoved();
          profiled = written.map((w) => w.key);
          return stale.flatMap((s) => [s.member, s.contact]);
        });
        // a new profile (level, points…) changes what segment rules see of its person: the
        // person is refreshed (and its change recorded in the feed) like one whose
        // identifiers changed
        const owners =
          profiled.length === 0
            ? []
            : await tx.run<{ pid: number | null }>('identity/persons-by-key', { keys: profiled });
        // consent is stated per purpose with its own time, apart from the profile: a row
        // older than the stored profile may still carry the newest statement of a purpose
        const consented = await recordConsentsInTx(tx, members.flatMap(consentStatements), ties);
        const pids = owners.map((o) => o.pid).filter((pid): pid is number => pid !== null);
        return {
          ...ingested,
          changedPids: withPids(withPids(ingested.changedPids, pids), consented),
        };
      });
    } catch (error) {
      if (!(error instanceof ProfileMoved)) throw error;
      if (attempt >= ATTEMPTS)
        throw new Error(`CRM profiles kept changing under a concurrent write (${ATTEMPTS} tries)`);
    }
  }
}

/** The consent statements of a row, on its member_id, at its updated_at. */
function consentStatements(m: Keyed<Member>): ConsentStatement[] {
  const stated = [
    ['ads', m.consentAds],
    ['email', m.consentEmail],
  ] as const;
  return stated.flatMap(([purpose, granted]) =>
    granted === null || granted === undefined
      ? []
      : [{ key: m.key, purpose, granted, at: m.updatedAt, source: 'crm' }],
  );
}

/**
 * Marks members deleted and deactivates their CRM links (which may split persons). A
 * delete older than the stored profile changes nothing; a delete of a member the graph does
 * not know yet leaves the member_id with the deleted profile, so that an older row arriving
 * later cannot bring the member back (see cypher/crm/delete-member.cypher). The deletes
 * come from `normalizeDeletedMember`.
 */
export async function deleteMembers(
  identity: IdentityService,
  deletes: readonly Keyed<DeletedMember>[],
) {
  const latest = newestByKey(deletes, (d, than) => (d.updatedAt ?? '') > (than.updatedAt ?? ''));
  const timed = [...latest.values()].flatMap(({ memberId, registerDate, updatedAt }) =>
    updatedAt === null
      ? []
      : [
          {
            ...memberRef({ memberId }),
            seenAt: seenOf({ registerDate, updatedAt }),
            lastSeen: updatedAt,
          },
        ],
  );
  const members = [...latest].map(([key, d]) => ({ key, updatedAt: d.updatedAt }));
  return identity.transact('crm.delete', (tx) =>
    identity.ingestInTx(tx, { identifiers: timed, links: [] }, 'crm delete', async (tx) =>
      (await tx.run<{ key: string }>('crm/delete-member', { members, now: nowStamp() })).map(
        (f) => f.key,
      ),
    ),
  );
}
