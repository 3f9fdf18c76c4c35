import { date, integer, optional, required, timestamp } from '../ingest/fields.js';

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
  /** "YYYY-MM-DDTHH:MM:SS"; a later row wins. */
  readonly updatedAt: string;
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
  };
}
