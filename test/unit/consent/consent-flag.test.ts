import { describe, expect, it } from 'vitest';
import { consentFlag, consentPurpose } from '../../../src/consent/consent-flag.js';
import { CONSENT_PURPOSES, isConsentPurpose } from '../../../src/consent/purposes.js';

const flag = (v: unknown) => consentFlag({ consent_ads: v }, 'consent_ads');

describe('consentFlag', () => {
  it.each(['true', 'TRUE', 'yes', 'Yes', '1', 'y', 'Y', ' y ', 1, true])(
    'reads %j as granted',
    (v) => {
      expect(flag(v)).toBe(true);
    },
  );
  it.each(['false', 'False', 'no', 'NO', '0', 'n', 'N', 0, false])('reads %j as withdrawn', (v) => {
    expect(flag(v)).toBe(false);
  });
  it.each([undefined, null, '', '  '])('reads %j as no statement', (v) => {
    expect(flag(v)).toBeNull();
  });
  it.each([
    ['maybe', 'malformed consent "maybe" in consent_ads (true/false, yes/no, 1/0, y/n)'],
    [2, 'malformed consent "2" in consent_ads'],
    ['t', 'malformed consent "t" in consent_ads'],
    [{ granted: true }, 'malformed consent "{\\"granted\\":true}" in consent_ads'],
  ])('rejects %j naming the column', (v, reason) => {
    expect(() => flag(v)).toThrow(reason);
  });
});

describe('consentPurpose', () => {
  it('takes exactly the purposes', () => {
    expect(CONSENT_PURPOSES).toEqual(['ads', 'email']);
    for (const p of CONSENT_PURPOSES) expect(consentPurpose({ p }, 'p')).toBe(p);
    expect(isConsentPurpose('ADS')).toBe(false);
  });
  it('rejects anything else naming the column', () => {
    expect(() => consentPurpose({ p: 'sms' }, 'p')).toThrow('unknown consent purpose "sms" in p');
    expect(() => consentPurpose({ p: 'Ads' }, 'p')).toThrow('unknown consent purpose "Ads" in p');
    expect(() => consentPurpose({}, 'p')).toThrow('empty p');
  });
});
