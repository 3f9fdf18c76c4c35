import { consentFlag } from '../consent/consent-flag.js';
import { date, integer, optional, required, timestamp } from '../rows/fields.js';

/** A CRM member as the CRM table and crm_members.csv carry it. */
export interface Member {
  readonly memberId: string;
  readonly mobileHash: string | null;
  readonly emailHash: string | null;
  readonly realName: string | null;
  readonly gender: string | null;
  readonly birthday: string | null;
  readonly registerDate: string | null;
  readonly channel: string | null;
  readonly level: string | null;
  readonly totalPoints: number | null;
  /** "YYYY-MM-DDTHH:MM:SS": the row's own time; an upsert never replaces a newer profile. */
  readonly updatedAt: string;
  /** Consent to ads as the row states it at `updatedAt`; null or absent: no statement. */
  readonly consentAds?: boolean | null;
  /** Consent to email as the row states it at `updatedAt`; null or absent: no statement. */
  readonly consentEmail?: boolean | null;
}

export const memberColumns = [
  'member_id',
  'mobile_hash',
  'email_hash',
  'real_name',
  'gender',
  'birthday',
  'register_date',
  'channel',
  'level',
  'total_points',
  'updated_at',
] as const;

/** Optional columns: consent statements, true/false, yes/no, 1/0, y/n; empty is none. */
export const memberConsentColumns = { ads: 'consent_ads', email: 'consent_email' } as const;

/** Parses one row (CSV record or binlog row image); throws RowRejected naming the column. */
export function parseMember(row: Record<string, unknown>): Member {
  return {
    memberId: required(row, 'member_id'),
    mobileHash: optional(row, 'mobile_hash'),
    emailHash: optional(row, 'email_hash'),
    realName: optional(row, 'real_name'),
    gender: optional(row, 'gender'),
    birthday: date(row, 'birthday'),
    registerDate: date(row, 'register_date'),
    channel: optional(row, 'channel'),
    level: optional(row, 'level'),
    totalPoints: integer(row, 'total_points'),
    updatedAt: timestamp(row, 'updated_at'),
    consentAds: consentFlag(row, memberConsentColumns.ads),
    consentEmail: consentFlag(row, memberConsentColumns.email),
  };
}

/** A member deleted at the source, as a binlog before image carries it. */
export interface DeletedMember {
  readonly memberId: string;
  /**
   * The deleted row's updated_at: the delete happened at or after it. Null when the image
   * does not carry it (binlog_row_image=MINIMAL).
   */
  readonly updatedAt: string | null;
  readonly registerDate: string | null;
}

/** Parses a delete's row image; only member_id is required. Throws RowRejected. */
export function parseDeletedMember(row: Record<string, unknown>): DeletedMember {
  return {
    memberId: required(row, 'member_id'),
    updatedAt: optional(row, 'updated_at') === null ? null : timestamp(row, 'updated_at'),
    registerDate: optional(row, 'register_date') === null ? null : date(row, 'register_date'),
  };
}
