import { RowRejected } from '../rows/row-error.js';
import type { IdentifierCheck } from './identifier-check.js';
import type { IdentityService } from './identity-service.js';
import type { IdRef } from './ids.js';

/** The columns an identifier of a row comes from; the type may be fixed by the column. */
export interface IdentifierColumns {
  readonly type?: string;
  readonly value: string;
}

/**
 * An identifier a file row or stream message must have, through the one normalization path
 * (`IdentityService.check`). A refused one, blocked placeholders included, throws
 * RowRejected naming the column, so the row is reported (`FILE:LINE: reason`, a dead
 * letter) and never loads.
 */
export function requiredRowIdentifier(
  identity: IdentityService,
  ref: IdRef,
  columns: IdentifierColumns,
): IdRef {
  const checked = identity.check(ref);
  if (checked.ok) return checked.ref;
  throw rejection(checked, ref, columns);
}

/**
 * The normalized value of an optional identifier column whose name is its type: null when
 * the column is empty or holds a blocked placeholder; a malformed or oversize value throws
 * RowRejected like {@link requiredRowIdentifier}.
 */
export function optionalRowValue(
  identity: IdentityService,
  type: string,
  value: string | null,
): string | null {
  if (value === null) return null;
  const checked = identity.check({ type, value });
  if (checked.ok) return checked.ref.value;
  if (checked.blocked) return null;
  throw rejection(checked, { type, value }, { value: type });
}

function rejection(
  refused: Extract<IdentifierCheck, { ok: false }>,
  ref: IdRef,
  columns: IdentifierColumns,
): RowRejected {
  const column = refused.part === 'type' ? (columns.type ?? columns.value) : columns.value;
  return new RowRejected(column === ref.type ? refused.reason : `${column}: ${refused.reason}`);
}
