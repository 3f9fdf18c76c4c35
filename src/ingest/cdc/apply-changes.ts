import { parseDeletedMember, parseMember } from '../../crm/member.js';
import { normalizeDeletedMember, normalizeMemberIds } from '../../crm/member-identifiers.js';
import { deleteMembers, upsertMembers } from '../../crm/member-writer.js';
import type { IdentityService } from '../../identity/identity-service.js';
import { RowRejected } from '../../rows/row-error.js';
import type { MemberChange } from './member-change.js';

export interface ApplyResult {
  readonly written: number;
  /** Row images that fail validation (e.g. a malformed date): reported, not written. */
  readonly rejected: readonly { readonly row: Record<string, unknown>; readonly reason: string }[];
}

/**
 * Writes member changes in their binlog order: each run of consecutive upserts is one
 * upsert batch, each run of deletes one delete batch. Writers are idempotent, so applying
 * a suffix of the changes again (after a restart) ends in the same graph. A change older
 * than the stored profile (an export of later data loaded first) changes nothing; a row
 * with the stored profile's updated_at applies, being a later change within that second.
 */
export async function applyMemberChanges(
  identity: IdentityService,
  changes: readonly MemberChange[],
): Promise<ApplyResult> {
  const rejected: { row: Record<string, unknown>; reason: string }[] = [];
  let written = 0;
  let i = 0;
  const parse = <T>(change: MemberChange, parser: (row: Record<string, unknown>) => T) => {
    try {
      return [parser(change.row)];
    } catch (error) {
      if (!(error instanceof RowRejected)) throw error;
      rejected.push({ row: change.row, reason: error.message });
      return [];
    }
  };
  while (i < changes.length) {
    const kind = changes[i]?.kind;
    const run: MemberChange[] = [];
    while (i < changes.length && changes[i]?.kind === kind) run.push(changes[i++] as MemberChange);
    if (kind === 'upsert') {
      const members = run.flatMap((c) =>
        parse(c, (row) => normalizeMemberIds(identity, parseMember(row))),
      );
      // the binlog is the source's commit order: an equal updated_at is a later change
      if (members.length > 0) await upsertMembers(identity, members, { ties: 'replace' });
      written += members.length;
    } else {
      // the before image carries the deleted row's updated_at: the delete's time; a delete
      // needs the key only (the image may be minimal) and skips an unusable one
      const deleted = run.flatMap((c) =>
        parse(c, parseDeletedMember).flatMap((d) => normalizeDeletedMember(identity, d) ?? []),
      );
      if (deleted.length > 0) await deleteMembers(identity, deleted);
      written += deleted.length;
    }
  }
  return { written, rejected };
}
