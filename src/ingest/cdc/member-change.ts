/** One row change of the CRM member table, as the binlog or a snapshot delivers it. */
export type MemberChange =
  | { readonly kind: 'upsert'; readonly row: Record<string, unknown> }
  | { readonly kind: 'delete'; readonly row: Record<string, unknown> };

/** The changes of one binlog update row: a changed primary key is a delete and an insert. */
export function updateChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): MemberChange[] {
  const changes: MemberChange[] = [];
  if (before.member_id !== after.member_id) changes.push({ kind: 'delete', row: before });
  changes.push({ kind: 'upsert', row: after });
  return changes;
}
