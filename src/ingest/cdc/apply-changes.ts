import { parseMember, type Member } from '../../crm/member.js';
import { normalizeMemberIds } from '../../crm/member-identifiers.js';
import { deleteMembers, upsertMembers } from '../../crm/member-writer.js';
import type { IdentityService } from '../../identity/identity-service.js';
import { RowRejected } from '../row-error.js';
import type { MemberChange } from './member-change.js';

export interface ApplyResult {
  readonly written: number;
  /** Row images that fail validation (e.g. a malformed date): reported, not written. */
  readonly rejected: readonly { readonly row: Record<string, unknown>; readonly reason: string }[];
}

/**
 * Writes member changes in their binlog order: each run of consecutive upserts is one
 * upsert batch, each run of deletes one delete batch. Writers are idempotent, so applying
 * a suffix of the changes again (after a restart) ends in the same graph.
 */
export async function applyMemberChanges(
  identity: IdentityService,
  changes: readonly MemberChange[],
): Promise<ApplyResult> {
  const rejected: { row: Record<string, unknown>; reason: string }[] = [];
  let written = 0;
  let i = 0;
  while (i < changes.length) {
    const kind = changes[i]?.kind;
    const run: MemberChange[] = [];
    while (i < changes.length && changes[i]?.kind === kind) run.push(changes[i++] as MemberChange);
    if (kind === 'upsert') {
      const members: Member[] = [];
      for (const change of run) {
        try {
          members.push(normalizeMemberIds(identity, parseMember(change.row)));
        } catch (error) {
          if (!(error instanceof RowRejected)) throw error;
          rejected.push({ row: change.row, reason: error.message });
        }
      }
      if (members.length > 0) await upsertMembers(identity, members);
      written += members.length;
    } else {
      // A delete needs the key only (the before image may be minimal).
      const ids = run.flatMap((c) => {
        const checked = identity.check({ type: 'member_id', value: String(c.row.member_id ?? '') });
        return checked.ok ? [checked.ref.value] : [];
      });
      if (ids.length > 0) await deleteMembers(identity, ids);
      written += ids.length;
    }
  }
  return { written, rejected };
}
