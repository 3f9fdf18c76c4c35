import type { IdentityService } from '../identity/identity-service.js';
import { optionalRowValue, requiredRowIdentifier } from '../identity/row-identifier.js';
import type { Member } from './member.js';

/**
 * A parsed member with its identifiers through the one normalization path: the member_id
 * must be usable; a placeholder contact ("unknown", the hash of "") is dropped; a contact
 * that is not a hash (a plain mobile or address under mobile_hash / email_hash) or is too
 * long throws RowRejected naming the column, so the row never loads.
 */
export function normalizeMemberIds(identity: IdentityService, m: Member): Member {
  const member = requiredRowIdentifier(
    identity,
    { type: 'member_id', value: m.memberId },
    { value: 'member_id' },
  );
  return {
    ...m,
    memberId: member.value,
    mobileHash: optionalRowValue(identity, 'mobile_hash', m.mobileHash),
    emailHash: optionalRowValue(identity, 'email_hash', m.emailHash),
  };
}
