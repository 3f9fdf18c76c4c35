import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../src/neo4j/gateway.js';
import { generateEvents, purchaseCents } from '../support/app-event-generator.js';
import { seedCrmMembers, startCrmBurst, waitForCrmContacts } from '../support/crm-workload.js';
import { freshDatabase } from '../support/db.js';
import { countOf, crmLinkDuplicates, purchaseTotals, readGraph } from '../support/graph-facts.js';
import { committedTotal, produce } from '../support/kafka-client.js';
import { KEYS, runCli, startService, type RunningService } from '../support/service.js';
import { crmClient, eventually, streamEnv, streamServices } from '../support/stream-app.js';
import type { StreamServices } from '../support/streams.js';

const PARTITIONS = 4;
const MEMBERS = 100;
/** Events produced in chunks while the replicas run, so the kill falls in the stream. */
const CHUNKS = 12;
const CHUNK = 500;

const audienceQuery = `{
  miniapp: audience(expression: "channel_miniapp") { count }
  app: audience(expression: "channel_app") { count }
  highValue: audience(expression: "\\"High Value\\" ANDNOT channel_app") { count }
}`;

/** The replica's audience counts, as one string to compare; undefined when the query fails. */
async function audienceCounts(replica: RunningService): Promise<string | undefined> {
  const res = await replica.gql<Record<string, { count: number }>>(audienceQuery);
  if (!res.data) return undefined;
  return JSON.stringify(Object.entries(res.data).map(([k, v]) => [k, v.count]));
}

/** What a replica's /metrics says of its streams. */
async function streamFacts(replica: RunningService) {
  const text = await (await fetch(`${replica.url}/metrics`)).text();
  const value = (name: string, stream: string) => {
    const m = new RegExp(`^${name}\\{stream="${stream}"\\} (\\S+)$`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  return {
    partitions: [
      ...text.matchAll(/^oneid_ingest_partition_assigned\{stream="kafka",partition="(\d+)"\} 1$/gm),
    ]
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b),
    cdcUp: value('oneid_ingest_up', 'cdc'),
    standby: value('oneid_ingest_standby', 'cdc'),
    leaseHolder: /^oneid_ingest_lease_holder\{stream="cdc",holder="([^"]+)"\} 1$/m.exec(text)?.[1],
  };
}

describe('two replicas of oneid serve --ingest on one Neo4j', () => {
  let services: StreamServices;
  let db: Gateway;
  let crm: Connection;
  const replicas: RunningService[] = [];
  const suffix = `${Date.now()}`;
  const topic = `replicas_${suffix}`;

  beforeAll(async () => {
    services = await streamServices();
    db = await freshDatabase();
    crm = await crmClient(services);
    await seedCrmMembers(crm, MEMBERS, 'R');
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop('SIGKILL')));
    await crm?.end();
    await db?.close();
  });

  const env = (name: string) =>
    streamEnv(services, {
      ONEID_LOAD_SEEDS: 'false',
      ONEID_KAFKA_TOPIC: topic,
      ONEID_KAFKA_GROUP_ID: `replicas_${suffix}`,
      ONEID_KAFKA_DEAD_LETTER_TOPIC: `${topic}.dlq`,
      ONEID_KAFKA_PARTITIONS: String(PARTITIONS),
      ONEID_KAFKA_BATCH_SIZE: '500',
      ONEID_CDC_LEASE_TTL_MS: '4000',
      ONEID_CDC_LEASE_RENEW_MS: '1000',
      ONEID_REPLICA_ID: name,
    });

  it(
    'survive a SIGKILL of the lease holder mid-stream: every event once, every CRM change, one owner of everything, equal counts',
    { timeout: 300_000 },
    async () => {
      const [a, b] = await Promise.all([
        startService(14031, env('replica-a'), ['ingest']),
        startService(14032, env('replica-b'), ['ingest']),
      ]);
      replicas.push(a, b);
      const byName = new Map([
        ['replica-a', a],
        ['replica-b', b],
      ]);
      // both in the group with partitions of their own; one holds the lease, one stands by
      const facts = await eventually(
        async () => {
          const [fa, fb] = await Promise.all([streamFacts(a), streamFacts(b)]);
          const split =
            fa.partitions.length > 0 &&
            fb.partitions.length > 0 &&
            fa.partitions.length + fb.partitions.length === PARTITIONS;
          const oneHolder =
            (fa.cdcUp === 1 && fb.standby === 1) || (fb.cdcUp === 1 && fa.standby === 1);
          return split && oneHolder ? { fa, fb } : undefined;
        },
        90_000,
        'the partitions split over both replicas and one lease holder',
      );
      const holderName = facts.fa.cdcUp === 1 ? 'replica-a' : 'replica-b';
      expect(facts.fa.leaseHolder).toBe(holderName);
      expect(facts.fb.leaseHolder).toBe(holderName);
      const holder = byName.get(holderName) as RunningService;
      const survivor = holder === a ? b : a;
      const survivorName = holder === a ? 'replica-b' : 'replica-a';

      // A stream of app events and a burst of CRM updates, both running across the kill.
      const lines = generateEvents(CHUNKS * CHUNK, `replicas${suffix}`);
      let produced = 0;
      const producing = (async () => {
        for (let i = 0; i < CHUNKS; i++) {
          await produce(services.kafka.brokers, topic, lines.slice(i * CHUNK, (i + 1) * CHUNK));
          produced += CHUNK;
          await new Promise((r) => setTimeout(r, 400));
        }
      })();
      const burst = startCrmBurst(crm, { members: MEMBERS, prefix: 'R', pauseEvery: 20 });
      await eventually(
        async () => ((await countOf(db, 'Event')) >= CHUNK ? true : undefined),
        120_000,
        'the first events in the graph',
      );
      const updatesAtKill = burst.updates();
      const eventsAtKill = await countOf(db, 'Event');
      expect(await holder.stop('SIGKILL')).toBeNull();
      expect(holder.process.signalCode).toBe('SIGKILL');
      const killedAt = Date.now();
      // the burst and the events go on until the survivor has taken over both streams
      const takeover: { lease?: number; partitions?: number } = {};
      await eventually(
        async () => {
          const f = await streamFacts(survivor);
          if (f.cdcUp === 1) takeover.lease ??= Date.now() - killedAt;
          if (f.partitions.length === PARTITIONS) takeover.partitions ??= Date.now() - killedAt;
          return takeover.lease !== undefined && takeover.partitions !== undefined
            ? true
            : undefined;
        },
        90_000,
        'the survivor to take over the binlog lease and every partition',
      );
      console.info(
        `[replicas] after SIGKILL: binlog lease taken over in ${takeover.lease} ms (TTL 4000, renew 1000), all ${PARTITIONS} partitions in ${takeover.partitions} ms (session timeout 10000)`,
      );
      await producing;
      await new Promise((r) => setTimeout(r, 1_000));
      const updates = await burst.stop();
      expect(eventsAtKill).toBeLessThan(CHUNKS * CHUNK);
      expect(updates).toBeGreaterThan(updatesAtKill);
      expect(updatesAtKill).toBeGreaterThan(0);

      // the survivor consumes every partition and holds the lease
      const after = await eventually(
        async () => {
          const f = await streamFacts(survivor);
          return f.partitions.length === PARTITIONS ? f : undefined;
        },
        60_000,
        'the survivor to own every partition',
      );
      expect(after).toMatchObject({
        partitions: [0, 1, 2, 3],
        cdcUp: 1,
        standby: 0,
        leaseHolder: survivorName,
      });
      const [lease] = await readGraph<{ holder: string }>(
        db,
        'MATCH (l:Lease) WHERE l.name STARTS WITH "binlog:" RETURN l.holder AS holder',
      );
      expect(lease?.holder).toBe(survivorName);

      // every event exactly once, every CRM change applied
      const total = CHUNKS * CHUNK;
      expect(produced).toBe(total);
      await eventually(
        async () =>
          (await committedTotal(services.kafka.brokers, topic, `replicas_${suffix}`)) >= total
            ? true
            : undefined,
        120_000,
        'all offsets committed',
      );
      await waitForCrmContacts(db, crm, 60_000);
      const [ids] = await readGraph<{ events: number; distinct: number }>(
        db,
        'MATCH (e:Event) RETURN count(e) AS events, count(DISTINCT e.eventId) AS distinct',
      );
      expect(ids).toEqual({ events: total, distinct: total });
      const purchases = lines.filter((l) => l.includes('"event_type":"purchase"')).length;
      expect(await purchaseTotals(db)).toEqual({
        count: purchases,
        cents: purchaseCents(lines),
        distinctIds: purchases,
      });
      expect(await crmLinkDuplicates(db)).toBe(0);
      const [points] = await crm.query('SELECT member_id, total_points FROM members');
      const stored = await readGraph<{ key: string; points: number }>(
        db,
        'MATCH (m:Identifier {type: "member_id"}) RETURN m.key AS key, m.totalPoints AS points',
      );
      const storedPoints = new Map(stored.map((s) => [s.key, s.points]));
      for (const p of points as { member_id: string; total_points: number }[])
        expect(storedPoints.get(`member_id:${p.member_id}`)).toBe(p.total_points);

      // A fresh replica joins: it stands by for the binlog, takes partitions, and once both
      // have caught up the two report the same audience counts.
      const c = await startService(14033, env('replica-c'), ['ingest']);
      replicas.push(c);
      await eventually(
        async () => {
          const [fs, fc] = await Promise.all([streamFacts(survivor), streamFacts(c)]);
          return fc.standby === 1 &&
            fc.leaseHolder === survivorName &&
            fc.partitions.length > 0 &&
            fs.partitions.length + fc.partitions.length === PARTITIONS
            ? true
            : undefined;
        },
        90_000,
        'the new replica on standby with partitions of its own',
      );
      const counts = await eventually(
        async () => {
          const [s, n] = await Promise.all([audienceCounts(survivor), audienceCounts(c)]);
          return s !== undefined && s === n ? s : undefined;
        },
        60_000,
        'equal audience counts on both replicas',
      );
      const parsed = JSON.parse(counts) as [string, number][];
      // the events' persons are there: the counts compared are not all zero
      expect(parsed.find(([k]) => k === 'miniapp')?.[1]).toBeGreaterThan(0);
      expect(parsed.find(([k]) => k === 'app')?.[1]).toBeGreaterThan(0);

      // A third writer, the CLI: its load returns a sequence, and both replicas asked for it
      // answer with the purchase counted, the same counts on both.
      const file = join(mkdtempSync(join(tmpdir(), 'oneid-replicas-')), 'late.jsonl');
      writeFileSync(
        file,
        JSON.stringify({
          event_id: 'LATE-1',
          union_id: 'union_late_1',
          event_type: 'purchase',
          page_name: 'checkout',
          item_id: 'SKU-LATE',
          item_price: 12.5,
          channel: 'miniapp',
          platform: 'wechat',
          event_time: '2026-06-01 10:00:00',
          session_id: 'sess_late',
        }) + '\n',
      );
      const load = await runCli(['load', 'events', file]);
      expect(load.code).toBe(0);
      const { sequence } = JSON.parse(load.stdout.trim().split('\n').at(-1) as string) as {
        sequence: number;
      };
      expect(sequence).toBeGreaterThan(0);
      const late = await Promise.all(
        [survivor, c].map(async (replica) => {
          const res = await fetch(`${replica.url}/graphql`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-api-key': KEYS.reader,
              'x-oneid-min-seq': String(sequence),
            },
            body: JSON.stringify({ query: audienceQuery }),
          });
          expect(res.status).toBe(200);
          const body = (await res.json()) as { data: Record<string, { count: number }> };
          return JSON.stringify(Object.entries(body.data).map(([k, v]) => [k, v.count]));
        }),
      );
      expect(late[0]).toBe(late[1]);
      const miniapp = (counts: string) =>
        (JSON.parse(counts) as [string, number][]).find(([k]) => k === 'miniapp')?.[1] ?? 0;
      expect(miniapp(late[0] as string)).toBe(miniapp(counts) + 1);
    },
  );
});
