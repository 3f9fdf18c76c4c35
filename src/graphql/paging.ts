import { InputError } from '../errors.js';
import { MAX_CURSOR, requireMaxLength } from '../input-limits.js';

/** Offset cursors, opaque to clients. */
export function pageWindow(
  first: number,
  after: string | null | undefined,
): { offset: number; limit: number } {
  if (!Number.isInteger(first) || first < 1 || first > 1000)
    throw new InputError('first must be between 1 and 1000.', 'first');
  if (after == null) return { offset: 0, limit: first };
  requireMaxLength(after, MAX_CURSOR, 'after');
  const decoded = Buffer.from(after, 'base64url').toString('utf8');
  const m = /^o:(\d+)$/.exec(decoded);
  if (!m) throw new InputError('after is not a cursor returned by this API.', 'after');
  return { offset: Number(m[1]), limit: first };
}

export function cursorAt(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

/** Page of `total` items: the cursor and whether more follow. */
export function pageInfo(offset: number, count: number, total: number) {
  const end = offset + count;
  return { endCursor: count > 0 ? cursorAt(end) : null, hasNextPage: end < total };
}
