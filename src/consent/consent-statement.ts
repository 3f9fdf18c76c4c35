import type { ConsentPurpose } from './purposes.js';

/** Where a statement came from, shown with the person's consent. */
export type ConsentSource = 'crm' | 'event' | 'api';

/** One consent statement about one identifier: granted or withdrawn for a purpose, at a time. */
export interface ConsentStatement {
  /** The identifier's graph key (`type:value`). */
  readonly key: string;
  readonly purpose: ConsentPurpose;
  readonly granted: boolean;
  /** "YYYY-MM-DDTHH:MM:SS" (UTC): the statement's own time; an older one never overwrites. */
  readonly at: string;
  readonly source: ConsentSource;
}

/**
 * How a statement whose time equals the stored one is treated: `keep` (files: the same
 * statement again) or `replace` (a source's own order: binlog, stream, mutation).
 */
export type ConsentTies = 'keep' | 'replace';

/**
 * The newest statement per identifier and purpose, in first-seen order. Pure. Of equal
 * times the first stays (`keep`) or the last wins (`replace`), as against the stored one.
 */
export function newestStatements(
  statements: readonly ConsentStatement[],
  ties: ConsentTies,
): ConsentStatement[] {
  const newest = new Map<string, ConsentStatement>();
  for (const s of statements) {
    const id = `${s.purpose}|${s.key}`;
    const kept = newest.get(id);
    if (!kept || s.at > kept.at || (ties === 'replace' && s.at === kept.at)) newest.set(id, s);
  }
  return [...newest.values()];
}
