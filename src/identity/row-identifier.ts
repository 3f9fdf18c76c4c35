import { RowRejected } from '../rows/row-error.js';
import type { IdentityService } from './identity-service.js';
import type { IdRef } from './ids.js';

/** The columns an identifier of a row comes from; the type may be fixed by the column. */
export interface IdentifierColumns {
  readonly type?: string;
  readonly value: string;
}

/**
 * An identifier of a file row or stream message through the one normalization path
 * (`IdentityService.check`): the normalized reference, or null for a blocked placeholder
 * unless `required`. A malformed, oversize or unknown one throws RowRejected naming the
 * column, so the row is reported (`FILE:LINE: reason`, a dead letter) and never loads.
 */
export function rowIdentifier(
  identity: IdentityService,
  ref: IdRef,
  columns: IdentifierColumns,
  required: boolean,
): IdRef | null {
  const checked = identity.check(ref);
  if (checked.ok) return checked.ref;
  if (checked.blocked && !required) return null;
  const column = checked.part === 'type' ? (columns.type ?? columns.value) : columns.value;
  throw new RowRejected(column === ref.type ? checked.reason : `${column}: ${checked.reason}`);
}
