import type { IdentityService } from '../identity/identity-service.js';
import { idKey } from '../identity/ids.js';
import { optionalRowValue, requiredRowIdentifier } from '../identity/row-identifier.js';
import { memberRef } from './member-plan.js';
import type { DeletedMember, Member } from './member.js';

/** A row whose identifiers took the one normalization path, with its member's identifier key. */
export type Keyed<M extends { readonly memberId: string }> = M & { readonly key: string };

/**
 * A parsed member with its identifiers through the one normalization path: the member_id
 * must be usable; a placeholder contact ("unknown", the hash of "") is dropped; a contact
 * that is not a hash (a plain mobile or address under mobile_hash / email_hash) or is too
 * long throws RowRejected naming the column, so the row never loads.
 */
export function normalizeMemberIds(identity: IdentityService, m: Member): Keyed<Member> {
  const member = requiredRowIdentifier(identity, memberRef(m), { value: 'member_id' });
  return {
    ...m,
    memberId: member.value,
    key: idKey(member),
    mobileHash: optionalRowValue(identity, 'mobile_hash', m.mobileHash),
    emailHash: optionalRowValue(identity, 'email_hash', m.emailHash),
  };
}

/**
 * A delete's member_id through the one normalization path; null when it is refused: a
 * delete needs the key only, and one of an unusable member_id has nothing to delete.
 */
export function normalizeDeletedMember(
  identity: IdentityService,
  d: DeletedMember,
): Keyed<DeletedMember> | null {
  const checked = identity.check(memberRef(d));
  return checked.ok ? { ...d, memberId: checked.ref.value, key: idKey(checked.ref) } : null;
}
