import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Keyed } from '../../../src/crm/member-identifiers.js';
import { planMemberUpsert } from '../../../src/crm/member-plan.js';
import type { Member } from '../../../src/crm/member.js';
import { prepareBatch } from '../../../src/identity/identity-batch.js';

const row = (updatedAt: string, mobile: string | null, level = 'gold'): Keyed<Member> => ({
  memberId: 'M1',
  key: 'member_id:M1',
  mobileHash: mobile,
  emailHash: 'e1',
  realName: 'Ann',
  gender: 'F',
  birthday: null,
  registerDate: '2020-01-01',
  channel: 'offline',
  level,
  totalPoints: 1,
  updatedAt,
});
const T1 = '2024-01-01T00:00:00';
const T2 = '2024-02-01T00:00:00';
const T3 = '2024-03-01T00:00:00';
const none = new Map<string, string | null>();
const activeOf = (plan: ReturnType<typeof planMemberUpsert>) =>
  plan.batch.links.map((l) => `${l.b.value}:${l.active ? 'active' : 'history'}`).sort();

describe('planMemberUpsert', () => {
  it('a row newer than the stored profile replaces it; its contacts are the active ones', () => {
    const plan = planMemberUpsert([row(T2, 'm2')], new Map([['member_id:M1', T1]]), 'keep');
    expect(plan.fresh).toEqual([
      {
        member: row(T2, 'm2'),
        key: 'member_id:M1',
        expected: T1,
        contacts: ['mobile_hash:m2', 'email_hash:e1'],
      },
    ]);
    expect(activeOf(plan)).toEqual(['e1:active', 'm2:active']);
  });

  it('a row older than the stored profile changes nothing and leaves its contacts as history', () => {
    const plan = planMemberUpsert([row(T1, 'm1')], new Map([['member_id:M1', T2]]), 'keep');
    expect(plan.fresh).toEqual([]);
    expect(activeOf(plan)).toEqual(['e1:history', 'm1:history']);
  });

  it('an equal updated_at: a no-op for files, a later change for the binlog', () => {
    const stored = new Map([['member_id:M1', T2]]);
    expect(planMemberUpsert([row(T2, 'm9')], stored, 'keep').fresh).toEqual([]);
    expect(planMemberUpsert([row(T2, 'm9')], stored, 'replace').fresh).toHaveLength(1);
  });

  it('within a batch the newest row wins whatever the order; equal times: first (files) or last (binlog)', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([row(T1, 'm1'), row(T3, 'm3'), row(T2, 'm2')], { minLength: 3 }),
        (rows) => {
          const plan = planMemberUpsert(rows, none, 'keep');
          expect(plan.fresh.map((f) => f.member.mobileHash)).toEqual(['m3']);
          expect(activeOf(plan)).toEqual([
            'e1:active',
            'e1:history',
            'e1:history',
            'm1:history',
            'm2:history',
            'm3:active',
          ]);
        },
      ),
    );
    const tied = [row(T2, 'first'), row(T2, 'last')];
    expect(planMemberUpsert(tied, none, 'keep').fresh[0]?.member.mobileHash).toBe('first');
    expect(planMemberUpsert(tied, none, 'replace').fresh[0]?.member.mobileHash).toBe('last');
  });

  it('decides each member on its own newest row', () => {
    const m2 = (updatedAt: string, mobile: string) => ({
      ...row(updatedAt, mobile),
      memberId: 'M2',
      key: 'member_id:M2',
    });
    const plan = planMemberUpsert(
      [row(T2, 'm1'), m2(T3, 'n3'), row(T1, 'm0'), m2(T1, 'n1')],
      new Map([['member_id:M2', T2]]),
      'keep',
    );
    expect(plan.fresh.map((f) => [f.key, f.contacts])).toEqual([
      ['member_id:M1', ['mobile_hash:m1', 'email_hash:e1']],
      ['member_id:M2', ['mobile_hash:n3', 'email_hash:e1']],
    ]);
  });
});

describe('prepareBatch: observations of one pair combine independently of their order', () => {
  const a = { type: 'member_id', value: 'M1' };
  const b = { type: 'mobile_hash', value: 'm1' };
  const obs = (firstSeen: string, lastSeen: string, active: boolean, confidence = 1) => ({
    a,
    b,
    source: 'crm',
    confidence,
    firstSeen,
    lastSeen,
    active,
  });
  const check = (ref: { type: string; value: string }) => ({ ok: true as const, ref });

  it('observe: earliest first sighting, latest last, highest confidence, active if any is', () => {
    const rows = [obs(T2, T2, false, 0.9), obs(T1, T1, true, 0.8), obs(T2, T3, false, 1)];
    for (const order of [rows, [...rows].reverse()]) {
      const [link] = prepareBatch({ identifiers: [], links: order }, 't', check).links;
      expect(link).toMatchObject({ firstSeen: T1, lastSeen: T3, confidence: 1, active: true });
    }
  });

  it('mapping: the row with the latest last_seen wins, an equal one keeps the first', () => {
    const older = { ...obs(T1, T1, true, 0.95), mode: 'mapping' as const };
    const newer = { ...obs(T2, T2, false, 0.85), mode: 'mapping' as const };
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const [link] = prepareBatch({ identifiers: [], links: order }, 't', check).links;
      expect(link).toMatchObject({ firstSeen: T1, lastSeen: T2, confidence: 0.85, active: false });
    }
    const tie = { ...newer, confidence: 0.5 };
    const [link] = prepareBatch({ identifiers: [], links: [newer, tie] }, 't', check).links;
    expect(link?.confidence).toBe(0.85);
  });
});
