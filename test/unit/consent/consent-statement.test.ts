import { describe, expect, it } from 'vitest';
import { newestStatements, type ConsentStatement } from '../../../src/consent/consent-statement.js';
import { parseAppEvent } from '../../../src/events/app-event.js';
import { parseMember } from '../../../src/crm/member.js';

const s = (key: string, purpose: 'ads' | 'email', granted: boolean, at: string) =>
  ({ key, purpose, granted, at, source: 'crm' }) as ConsentStatement;

describe('newestStatements', () => {
  it('keeps the newest statement per identifier and purpose, whatever the order', () => {
    const rows = [
      s('k1', 'ads', true, '2024-01-02T00:00:00'),
      s('k1', 'ads', false, '2024-01-03T00:00:00'),
      s('k1', 'ads', true, '2024-01-01T00:00:00'),
      s('k1', 'email', true, '2024-01-01T00:00:00'),
      s('k2', 'ads', false, '2024-01-01T00:00:00'),
    ];
    const want = [
      s('k1', 'ads', false, '2024-01-03T00:00:00'),
      s('k1', 'email', true, '2024-01-01T00:00:00'),
      s('k2', 'ads', false, '2024-01-01T00:00:00'),
    ];
    expect(newestStatements(rows, 'keep')).toEqual(want);
    expect(newestStatements([...rows].reverse(), 'keep')).toEqual(expect.arrayContaining(want));
  });
  it('of equal times the first stays (keep) or the last wins (replace)', () => {
    const rows = [
      s('k', 'ads', true, '2024-01-01T00:00:00'),
      s('k', 'ads', false, '2024-01-01T00:00:00'),
    ];
    expect(newestStatements(rows, 'keep')).toEqual([rows[0]]);
    expect(newestStatements(rows, 'replace')).toEqual([rows[1]]);
  });
});

describe('consent in rows', () => {
  const member = {
    member_id: 'M1',
    mobile_hash: '',
    email_hash: '',
    real_name: '',
    gender: '',
    birthday: '',
    register_date: '',
    channel: '',
    level: '',
    total_points: '',
    updated_at: '2024-11-01 10:00:00',
  };
  it('a CRM row without the columns states nothing; with them, what they say', () => {
    expect(parseMember(member)).toMatchObject({ consentAds: null, consentEmail: null });
    expect(parseMember({ ...member, consent_ads: 'Y', consent_email: '' })).toMatchObject({
      consentAds: true,
      consentEmail: null,
    });
    expect(() => parseMember({ ...member, consent_email: 'x' })).toThrow('in consent_email');
  });
  const event = {
    event_id: 'E1',
    union_id: 'u1',
    event_type: 'consent',
    channel: 'app',
    event_time: '2024-11-01 08:15:00',
  };
  it('a consent event needs a purpose and granted; other events carry none', () => {
    expect(
      parseAppEvent({ ...event, consent_purpose: 'email', consent_granted: false }).consent,
    ).toEqual({ purpose: 'email', granted: false });
    expect(() => parseAppEvent({ ...event, consent_purpose: 'email' })).toThrow(
      'empty consent_granted',
    );
    expect(() => parseAppEvent({ ...event, consent_granted: true })).toThrow(
      'empty consent_purpose',
    );
    expect(
      parseAppEvent({ ...event, event_type: 'page_view', consent_purpose: 'sms' }).consent,
    ).toBeNull();
  });
});
