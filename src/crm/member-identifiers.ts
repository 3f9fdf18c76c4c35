import type { IdentityService } from '../identity/identity-service.js';
import { rowIdentifier } from '../identity/row-identifier.js';
import type { Member } from './member.js';

/**
 * A parsed member with its identifiers through the one normalization path: the member_id
 * must be usable; a placeholder contact ("unknown", the hash of "") is dropped; a contact
 * that is not a hash (a plain mobile or address under mobile_hash / email_hash) or is too
 * long throws RowRejected naming the column, so the row never loads.
 */
export function normalizeMemberIds(identity: IdentityService, m: Member): Member {
  const member = rowIdentifier(
    identity,
    { type: 'member_id', value: m.memberId },
    { value: 'member_id' },
    true,
  );
  const contact = (type: 'mobile_hash' | 'email_hash', value: string | null) =>
    value === null
      ? null
      : (rowIdentifier(identity, { type, value }, { value: type }, false)?.value ?? null);
  return {
    ...m,
    memberId: member?.value ?? m.memberId,
    mobileHash: contact('mobile_hash', m.mobileHash),
    emailHash: contact('email_hash', m.emailHash),
  };
}
