/** The purposes a person can consent to, each stated per identifier (see consent-statement). */
export const CONSENT_PURPOSES = ['ads', 'email'] as const;

export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export function isConsentPurpose(value: unknown): value is ConsentPurpose {
  return (CONSENT_PURPOSES as readonly unknown[]).includes(value);
}
