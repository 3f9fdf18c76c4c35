import { createHash } from 'node:crypto';
import type { IdentityBatch, LinkObservation } from '../../src/identity/identity-service.js';
import type { IdRef } from '../../src/identity/ids.js';

/** One synthetic person: the identifiers it leaves and the links that join them. */
export interface SyntheticPerson {
  readonly identifiers: readonly IdRef[];
  readonly links: readonly LinkObservation[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A stable pseudo-random number in [0, 1) for person `n` and a salt. */
function chance(n: number, salt: number): number {
  let t = (Math.imul(n, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b)) >>> 0;
  t = Math.imul(t ^ (t >>> 16), 0x7feb352d) >>> 0;
  t = Math.imul(t ^ (t >>> 15), 0x846ca68b) >>> 0;
  return ((t ^ (t >>> 16)) >>> 0) / 2 ** 32;
}

/**
 * Person `n` of a realistic CDP graph, deterministic in `n`: member_id, mobile_hash, email_hash
 * (70 %), union_id, open_id (80 %) and one or two device_id (50 % two), about 6 identifiers.
 * CRM links the member to its contacts (1.0), the mapping the member to its union_id (1.0),
 * the mini-program the union_id to its open_id (0.95), the app the union_id to its devices (0.9).
 */
export function syntheticPerson(n: number): SyntheticPerson {
  const day = `2025-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00`;
  const member = { type: 'member_id', value: `BM${String(n).padStart(8, '0')}` };
  const union = { type: 'union_id', value: `bu_${n}` };
  const ids: IdRef[] = [member, { type: 'mobile_hash', value: sha256(`mobile:${n}`) }];
  const links: LinkObservation[] = [];
  const link = (a: IdRef, b: IdRef, source: string, confidence: number) =>
    links.push({ a, b, source, confidence, firstSeen: day, lastSeen: day });
  link(member, ids[1] as IdRef, 'crm', 1);
  if (chance(n, 1) < 0.7) {
    const email = { type: 'email_hash', value: sha256(`email:${n}`) };
    ids.push(email);
    link(member, email, 'crm', 1);
  }
  ids.push(union);
  link(member, union, 'mapping', 1);
  if (chance(n, 2) < 0.8) {
    const open = { type: 'open_id', value: `bo_${n}` };
    ids.push(open);
    link(union, open, 'miniapp', 0.95);
  }
  const devices = chance(n, 3) < 0.5 ? 2 : 1;
  for (let d = 0; d < devices; d++) {
    const device = { type: 'device_id', value: `bd_${n}_${d}` };
    ids.push(device);
    link(union, device, 'app', 0.9);
  }
  return { identifiers: ids, links };
}

/**
 * Batches of whole persons, `linksPerBatch` links at least each (the last may be smaller),
 * from person `from` on, until `identifiers` identifiers have been produced in all.
 */
export function* syntheticBatches(
  from: number,
  identifiers: number,
  linksPerBatch: number,
): Generator<IdentityBatch & { persons: number; identifierCount: number; next: number }> {
  let n = from;
  let produced = 0;
  while (produced < identifiers) {
    const links: LinkObservation[] = [];
    let persons = 0;
    let identifierCount = 0;
    while (links.length < linksPerBatch && produced < identifiers) {
      const p = syntheticPerson(n++);
      links.push(...p.links);
      persons++;
      identifierCount += p.identifiers.length;
      produced += p.identifiers.length;
    }
    yield { identifiers: [], links, persons, identifierCount, next: n };
  }
}
