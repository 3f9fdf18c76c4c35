import type { Gateway } from '../../neo4j/gateway.js';
import { oneIdFor } from '../ids.js';
import type { LinkGraph } from './link-graph.js';
import type { BackfillPlan, PlannedPerson } from './plan-backfill.js';

export interface WriteOptions {
  readonly now: string;
  /** Identifiers per transaction (persons are not split across transactions). */
  readonly rowsPerTx?: number;
  readonly concurrency?: number;
  readonly onProgress?: (personsWritten: number) => void;
}

/**
 * The hashed mobile and email an ad platform matches on: the most recently seen one that
 * is not quarantined (refresh-contacts), the greater value on a tie.
 */
function contacts(g: LinkGraph, p: PlannedPerson) {
  let mobile: number | undefined;
  let email: number | undefined;
  const later = (i: number, best: number | undefined) =>
    best === undefined ||
    (g.lastSeen[i] as string) > (g.lastSeen[best] as string) ||
    (g.lastSeen[i] === g.lastSeen[best] && (g.keys[i] as string) > (g.keys[best] as string));
  for (const i of p.members) {
    if (g.quarantined(i)) continue;
    if (g.types[i] === 'mobile_hash' && later(i, mobile)) mobile = i;
    if (g.types[i] === 'email_hash' && later(i, email)) email = i;
  }
  const value = (i: number | undefined) =>
    i === undefined ? null : (g.keys[i] as string).slice((g.types[i] as string).length + 1);
  return { mobileHash: value(mobile), emailHash: value(email) };
}

/**
 * Creates the planned persons from pid `first` on, in plan order, with their identifiers,
 * anchors and contacts, then the conflict flags: large UNWIND transactions, a few at a time
 * (they touch disjoint nodes, so they never wait on each other's locks).
 */
export async function writePersons(
  db: Gateway,
  g: LinkGraph,
  plan: BackfillPlan,
  first: number,
  opts: WriteOptions,
): Promise<void> {
  const rowsPerTx = opts.rowsPerTx ?? 20_000;
  const chunks: [number, number][] = [];
  for (let from = 0, rows = 0, i = 0; i <= plan.persons.length; i++) {
    if (i === plan.persons.length || rows >= rowsPerTx) {
      if (i > from) chunks.push([from, i]);
      from = i;
      rows = 0;
    }
    rows += plan.persons[i]?.members.length ?? 0;
  }
  let at = 0;
  let written = 0;
  const worker = async () => {
    while (at < chunks.length) {
      const [from, to] = chunks[at++] as [number, number];
      const persons = plan.persons.slice(from, to).map((p, j) => ({
        pid: first + from + j,
        oneId: oneIdFor(first + from + j),
        anchor: g.keys[p.anchor],
        ...contacts(g, p),
        keys: p.members.map((i) => g.keys[i]),
      }));
      await db.writeQuery('identity/create-bulk-persons', { persons, now: opts.now });
      written += persons.length;
      opts.onProgress?.(written);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 2 }, worker));
  for (let i = 0; i < Math.max(plan.conflicts.length, plan.resolved.length); i += 10_000) {
    await db.writeQuery('identity/mark-link-conflicts', {
      conflicts: plan.conflicts.slice(i, i + 10_000),
      resolved: plan.resolved.slice(i, i + 10_000),
      now: opts.now,
    });
  }
}
