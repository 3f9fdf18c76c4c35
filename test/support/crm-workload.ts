import type { Connection } from 'mysql2/promise';
import { sha256Hex } from '../../src/identity/normalize.js';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { activeCrmContacts } from './graph-facts.js';
import { eventually } from './stream-app.js';

/**
 * Empties crm.members and inserts `count` members `${prefix}0`…, each with a mobile and an
 * email hash, so a CDC stream has rows to copy and to follow.
 */
export async function seedCrmMembers(crm: Connection, count: number, prefix: string) {
  await crm.query('DELETE FROM members');
  const rows = Array.from({ length: count }, (_, i) => [
    `${prefix}${i}`,
    sha256Hex(`${prefix}mob_${i}_0`),
    sha256Hex(`${prefix}mail_${i}`),
    `Name ${i}`,
    'F',
    '1990-01-01',
    '2020-01-01',
    'online',
    'silver',
    0,
    '2024-01-01 00:00:00',
  ]);
  await crm.query(
    'INSERT INTO members (member_id, mobile_hash, email_hash, real_name, gender, birthday, register_date, channel, level, total_points, updated_at) VALUES ?',
    [rows],
  );
}

/** A running burst of CRM updates (see `startCrmBurst`). */
export interface CrmBurst {
  /** Updates committed so far. */
  readonly updates: () => number;
  /** Stops the burst; resolves with the number of updates once the last one committed. */
  stop(): Promise<number>;
}

/**
 * Moves members' mobiles (and points) in a loop, several per member and second, pausing 20 ms
 * every `pauseEvery` updates, until stopped: a CRM burst that runs across a crash.
 */
export function startCrmBurst(
  crm: Connection,
  opts: { members: number; prefix: string; pauseEvery: number },
): CrmBurst {
  let updates = 0;
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      const k = ++updates;
      const i = k % opts.members;
      await crm.query('UPDATE members SET mobile_hash = ?, total_points = ? WHERE member_id = ?', [
        sha256Hex(`${opts.prefix}mob_${i}_${k}`),
        k,
        `${opts.prefix}${i}`,
      ]);
      if (k % opts.pauseEvery === 0) await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    updates: () => updates,
    async stop() {
      stopped = true;
      await running;
      return updates;
    },
  };
}

/** The final CRM table: member key → its contact keys, as the graph should link them. */
export async function expectedContacts(crm: Connection): Promise<Map<string, string[]>> {
  const [rows] = await crm.query('SELECT member_id, mobile_hash, email_hash FROM members');
  return new Map(
    (rows as { member_id: string; mobile_hash: string | null; email_hash: string | null }[]).map(
      (r) => [
        `member_id:${r.member_id}`,
        [
          ...(r.email_hash ? [`email_hash:${r.email_hash}`] : []),
          ...(r.mobile_hash ? [`mobile_hash:${r.mobile_hash}`] : []),
        ].sort(),
      ],
    ),
  );
}

/** Waits until the graph's active CRM contacts are the CRM table's, member by member. */
export async function waitForCrmContacts(
  db: Gateway,
  crm: Connection,
  timeoutMs: number,
): Promise<void> {
  const want = await expectedContacts(crm);
  await eventually(
    async () => {
      const have = await activeCrmContacts(db);
      return [...want].every(
        ([key, contacts]) => JSON.stringify(have.get(key)) === JSON.stringify(contacts),
      )
        ? true
        : undefined;
    },
    timeoutMs,
    'the final CRM state',
  );
}
