import type {
  IdentityService,
  IngestResult,
  LinkObservation,
} from '../identity/identity-service.js';
import { idKey, nowStamp, type IdRef } from '../identity/ids.js';
import type { Member } from './member.js';

/**
 * Upserts CRM members by member_id: the profile, and member_id—mobile_hash / email_hash
 * links of confidence 1.0. A changed contact deactivates the old link in the same
 * transaction, before re-clustering.
 */
export async function upsertMembers(
  identity: IdentityService,
  members: readonly Member[],
): Promise<IngestResult> {
  const latest = new Map<string, Member>();
  for (const m of members) {
    const prev = latest.get(m.memberId);
    if (!prev || prev.updatedAt <= m.updatedAt) latest.set(m.memberId, m);
  }
  const rows = [...latest.values()];
  const links: LinkObservation[] = [];
  const current = new Map<string, string[]>();
  for (const m of rows) {
    const member: IdRef = { type: 'member_id', value: m.memberId };
    const seen = m.registerDate ? `${m.registerDate}T00:00:00` : m.updatedAt;
    const contacts: IdRef[] = [];
    if (m.mobileHash) contacts.push({ type: 'mobile_hash', value: m.mobileHash });
    if (m.emailHash) contacts.push({ type: 'email_hash', value: m.emailHash });
    current.set(
      m.memberId,
      contacts.map((c) => idKey(c)),
    );
    for (const c of contacts) {
      links.push({
        a: member,
        b: c,
        source: 'crm',
        confidence: 1,
        firstSeen: seen,
        lastSeen: m.updatedAt,
      });
    }
  }
  return identity.transact('crm.upsert', (tx) =>
    identity.ingestInTx(
      tx,
      {
        identifiers: rows.map((m) => ({
          type: 'member_id',
          value: m.memberId,
          seenAt: m.registerDate ? `${m.registerDate}T00:00:00` : m.updatedAt,
          lastSeen: m.updatedAt,
        })),
        links,
      },
      'crm',
      async (tx) => {
        const stale = await tx.run<{ member: string; contact: string }>(
          'crm/deactivate-stale-contacts',
          {
            members: rows.map((m) => ({
              key: idKey({ type: 'member_id', value: m.memberId }),
              updatedAt: m.updatedAt,
              current: current.get(m.memberId) ?? [],
            })),
            now: nowStamp(),
          },
        );
        await tx.run('crm/upsert-profiles', {
          members: rows.map((m) => ({
            key: idKey({ type: 'member_id', value: m.memberId }),
            realName: m.realName,
            gender: m.gender,
            birthday: m.birthday,
            registerDate: m.registerDate,
            channel: m.channel,
            level: m.level,
            totalPoints: m.totalPoints,
            updatedAt: m.updatedAt,
          })),
        });
        return stale.flatMap((s) => [s.member, s.contact]);
      },
    ),
  );
}

/** Marks members deleted and deactivates their CRM links (which may split persons). */
export async function deleteMembers(identity: IdentityService, memberIds: readonly string[]) {
  const keys = memberIds.map((value) => idKey({ type: 'member_id', value }));
  return identity.transact('crm.delete', async (tx) => {
    const found = await tx.run<{ key: string }>('crm/delete-member', { keys, now: nowStamp() });
    return identity.reclusterInTx(
      tx,
      found.map((f) => f.key),
      'crm delete',
    );
  });
}
