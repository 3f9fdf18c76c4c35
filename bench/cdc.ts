/**
 * CDC latency: from a MariaDB commit to the change being readable in the graph (the read
 * the GraphQL resolvers make). Alternates INSERTs of new members and UPDATEs moving a
 * member's mobile, one at a time, and polls the graph until each is visible. Prints one
 * JSON object with p50 / p99. Usage: npx tsx bench/cdc.ts [changes=200]
 * Uses the stream test services (MariaDB 13306) and its own Neo4j instance.
 */
import { createConnection } from 'mysql2/promise';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { CdcIngest } from '../src/ingest/cdc/cdc-ingest.js';
import { replicaName } from '../src/ingest/replica-name.js';
import { ensureStreamServices } from '../test/support/streams.js';
import { benchDatabase } from './support/bench-db.js';
import { sha256Hex } from '../src/identity/normalize.js';

async function main(changes: number): Promise<void> {
  const services = await ensureStreamServices();
  const { db } = await benchDatabase();
  const { host, port, user, password, database } = services.mariadb;
  const crm = await createConnection({ host, port, user, password, database });
  await crm.query('DELETE FROM members');
  const config = loadConfig({
    ...process.env,
    ONEID_CDC_HOST: host,
    ONEID_CDC_PORT: String(port),
    ONEID_CDC_USER: user,
    ONEID_CDC_PASSWORD: password,
  });
  const app = createApp(config, db);
  const runner = new CdcIngest({
    identity: app.identity,
    settings: config.ingest.cdc,
    source: { host, port, user, password },
    maxBackoffMs: 2_000,
    replicaId: replicaName(config.ingest),
    log: () => undefined,
  });
  runner.start();
  const visible = async (key: string) => {
    for (;;) {
      const [row] = await db.readQuery<{ pid: number | null }>('identity/resolve-keys', {
        keys: [key],
      });
      if (row?.pid != null) return;
      await sleep(5);
    }
  };
  while (runner.status().state !== 'running') await sleep(50);
  const latencies: number[] = [];
  const run = Date.now().toString(36);
  for (let i = 0; i < changes; i++) {
    const member = `B${run}-${Math.floor(i / 2)}`;
    const started = performance.now();
    let key: string;
    if (i % 2 === 0) {
      await crm.query(
        'INSERT INTO members (member_id, mobile_hash, email_hash, level, total_points) VALUES (?, ?, ?, ?, ?)',
        [member, sha256Hex(`bm-${member}-0`), sha256Hex(`be-${member}`), 'silver', i],
      );
      key = `member_id:${member}`;
    } else {
      await crm.query('UPDATE members SET mobile_hash = ? WHERE member_id = ?', [
        sha256Hex(`bm-${member}-1`),
        member,
      ]);
      key = `mobile_hash:${sha256Hex(`bm-${member}-1`)}`;
    }
    await visible(key);
    latencies.push(performance.now() - started);
  }
  await runner.stop();
  await crm.end();
  await db.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
  console.log(
    JSON.stringify({
      bench: 'cdc-latency',
      changes,
      p50Ms: pct(50),
      p90Ms: pct(90),
      p99Ms: pct(99),
      maxMs: Math.round(sorted[sorted.length - 1] ?? 0),
      targetP50Ms: 1000,
    }),
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

main(Number(process.argv[2] ?? 200)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
