import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { projectRoot } from '../../../src/paths.js';
import { generateEvents, purchaseCents } from '../../support/app-event-generator.js';
import { seedCrmMembers, startCrmBurst, waitForCrmContacts } from '../../support/crm-workload.js';
import { freshDatabase } from '../../support/db.js';
import { countOf, crmLinkDuplicates, purchaseTotals } from '../../support/graph-facts.js';
import { committedTotal, produce } from '../../support/kafka-client.js';
import { crmClient, eventually, streamEnv, streamServices } from '../../support/stream-app.js';
import type { StreamServices } from '../../support/streams.js';

const EVENTS = Number(process.env.ONEID_TEST_CRASH_EVENTS ?? 20_000);
const MEMBERS = 200;

/** `oneid ingest` as a separate process, as it runs in production. */
function startIngest(env: Record<string, string>, output: string[]): ChildProcess {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'oneid.js'), 'ingest'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  return child;
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('SIGKILL in the middle of the streams', () => {
  let services: StreamServices;
  let db: Gateway;
  let crm: Connection;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    services = await streamServices();
    db = await freshDatabase();
    crm = await crmClient(services);
    await seedCrmMembers(crm, MEMBERS, 'K');
  });

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await crm?.end();
    await db?.close();
  });

  it(
    'ends with every event and every CRM change in the graph exactly once',
    { timeout: 600_000 },
    async () => {
      const suffix = `${Date.now()}`;
      const neo4j = inject('neo4j');
      const env = streamEnv(services, {
        NEO4J_URI: neo4j.uri,
        NEO4J_USER: neo4j.user,
        NEO4J_PASSWORD: neo4j.password,
        ONEID_KAFKA_TOPIC: `crash_${suffix}`,
        ONEID_KAFKA_GROUP_ID: `crash_${suffix}`,
        ONEID_KAFKA_DEAD_LETTER_TOPIC: `crash_${suffix}.dlq`,
        ONEID_KAFKA_BATCH_SIZE: '2000',
        // two batches in the graph at once: the offsets must still be committed in order
        ONEID_KAFKA_WRITERS: '2',
        // the killed process held the binlog lease: the restart takes it over after the TTL
        ONEID_CDC_LEASE_TTL_MS: '3000',
        ONEID_CDC_LEASE_RENEW_MS: '1000',
        ONEID_LOAD_SEEDS: 'false',
        ONEID_API_KEYS: 'crash-test-reader-key-01:reader',
        PORT: '14010',
      });
      const lines = generateEvents(EVENTS, `crash${suffix}`);
      await produce(services.kafka.brokers, env.ONEID_KAFKA_TOPIC as string, lines);

      const output: string[] = [];
      const first = startIngest(env, output);
      children.push(first);
      // A burst of CRM updates from before the kill until after the restart: each moves a
      // member's mobile (several per member and second).
      const burst = startCrmBurst(crm, { members: MEMBERS, prefix: 'K', pauseEvery: 50 });
      await eventually(
        async () => ((await countOf(db, 'Event')) >= EVENTS / 5 ? true : undefined),
        300_000,
        `the first ${EVENTS / 5} events`,
      );
      const updatesAtKill = burst.updates();
      first.kill('SIGKILL');
      expect((await exited(first)).signal).toBe('SIGKILL');
      const eventsAtKill = await countOf(db, 'Event');
      expect(eventsAtKill).toBeLessThan(EVENTS);

      const second = startIngest(env, output);
      children.push(second);
      await new Promise((r) => setTimeout(r, 3_000));
      const updates = await burst.stop();
      expect(updatesAtKill).toBeGreaterThan(0);
      expect(updates).toBeGreaterThan(updatesAtKill);
      await eventually(
        async () =>
          (await committedTotal(
            services.kafka.brokers,
            env.ONEID_KAFKA_TOPIC as string,
            env.ONEID_KAFKA_GROUP_ID as string,
          )) >= EVENTS
            ? true
            : undefined,
        300_000,
        'all offsets committed',
      );
      await waitForCrmContacts(db, crm, 120_000);
      second.kill('SIGTERM');
      expect((await exited(second)).code, output.join('')).toBe(0);

      expect(await countOf(db, 'Event')).toBe(EVENTS);
      const expectedPurchases = lines.filter((l) => l.includes('"event_type":"purchase"')).length;
      expect(await purchaseTotals(db)).toEqual({
        count: expectedPurchases,
        cents: purchaseCents(lines),
        distinctIds: expectedPurchases,
      });
      expect(await crmLinkDuplicates(db)).toBe(0);
      const [points] = await crm.query('SELECT member_id, total_points FROM members');
      const members = await db.readQuery<{ key: string; pid: number | null }>(
        'identity/resolve-keys',
        { keys: (points as { member_id: string }[]).map((p) => `member_id:${p.member_id}`) },
      );
      expect(members.filter((m) => m.pid === null)).toEqual([]);
    },
  );
});
