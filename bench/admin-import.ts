/**
 * What the offline import tool costs (issue 15, point 2): `npm run bench -- admin-import
 * [--identifiers 1000000]`.
 *
 * Writes the `identity` bench's synthetic graph (lib/synthetic-identity.ts: about 6 identifiers
 * and 5 links a person) as CSV, already resolved (each synthetic person is one component, so
 * its persons and BELONGS_TO are known without a plan: the bulk path's planning cost is not
 * in these figures), stops the bench Neo4j, runs `neo4j-admin database import full` into it,
 * starts it again and applies the schema (constraints build their indexes on the imported
 * data). Reports each phase's seconds and checks counts and a sample of lookups.
 *
 * This is the floor for an empty database: Community edition has the tool, but the database
 * must be stopped, so it suits a first backfill only.
 */
import { execFile } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { oneIdFor } from '../src/identity/ids.js';
import { loadQueries } from '../src/neo4j/connect.js';
import { createGateway } from '../src/neo4j/gateway.js';
import { applySchema } from '../src/neo4j/schema.js';
import { processCpuSeconds } from './lib/cpu.js';
import { progress } from './lib/log.js';
import { runBench } from './lib/run.js';
import { round } from './lib/stats.js';
import { storeBytes } from './lib/store-size.js';
import { syntheticPerson } from './lib/synthetic-identity.js';

const run = promisify(execFile);
const CREATED = '2026-06-01T00:00:00';

runBench(async (env, args) => {
  const total = args.number('identifiers', 1_000_000);
  const dir = join(env.local.home, 'import', 'bulk');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  let started = performance.now();
  const counts = await writeCsv(dir, total);
  const csvSeconds = round((performance.now() - started) / 1000, 1);
  progress(`CSV of ${counts.identifiers} identifiers, ${counts.links} links in ${csvSeconds} s`);

  await env.raw.close();
  await env.local.stop();
  started = performance.now();
  const cpu0 = childCpuSeconds();
  await run(
    'java',
    [
      '-cp',
      join(env.local.libDir, '*'),
      'org.neo4j.server.startup.Neo4jAdminCommand',
      'database',
      'import',
      'full',
      'neo4j',
      '--overwrite-destination=true',
      `--nodes=Identifier=${join(dir, 'identifiers.csv')}`,
      `--nodes=Person=${join(dir, 'persons.csv')}`,
      `--relationships=LINKED=${join(dir, 'links.csv')}`,
      `--relationships=BELONGS_TO=${join(dir, 'belongs.csv')}`,
    ],
    {
      env: { ...process.env, NEO4J_HOME: env.local.home, NEO4J_CONF: join(env.local.home, 'conf') },
      cwd: env.local.home,
      maxBuffer: 64 * 2 ** 20,
    },
  );
  const importSeconds = round((performance.now() - started) / 1000, 1);
  const importCpuSeconds = round(childCpuSeconds() - cpu0, 1);
  progress(`neo4j-admin import in ${importSeconds} s`);

  started = performance.now();
  const status = await env.local.start();
  const startSeconds = round((performance.now() - started) / 1000, 1);
  const db = createGateway({
    uri: status.boltUri,
    user: 'neo4j',
    password: env.local.password(),
    database: 'neo4j',
    queries: loadQueries(),
    app: 'bench',
  });
  try {
    started = performance.now();
    const neo4jCpu0 = processCpuSeconds(env.local.status().pid);
    await applySchema(db, loadQueries());
    const schemaSeconds = round((performance.now() - started) / 1000, 1);
    const schemaNeo4jCpuSeconds = round(processCpuSeconds(env.local.status().pid) - neo4jCpu0, 1);
    progress(`schema (constraints and indexes) in ${schemaSeconds} s`);
    const [graph] = await db.readQuery<{ persons: number; identifiers: number }>('identity/stats');
    const sample = Array.from({ length: 1000 }, (_, i) => Math.floor((i * counts.persons) / 1000));
    const rows = await db.readQuery<{ oneId: string | null }>('identity/resolve-keys', {
      keys: sample.map((n) => `union_id:bu_${n}`),
    });
    const wrong = rows.filter((r, i) => r.oneId !== oneIdFor((sample[i] as number) + 1)).length;
    if (wrong > 0) throw new Error(`${wrong} of ${rows.length} sampled lookups are wrong`);
    const writeSeconds = importSeconds + startSeconds + schemaSeconds;
    const disk = storeBytes(env.local.home);
    return {
      bench: 'admin-import',
      ...counts,
      csvSeconds,
      importSeconds,
      importCpuSeconds,
      startSeconds,
      schemaSeconds,
      schemaNeo4jCpuSeconds,
      writeSeconds: round(writeSeconds, 1),
      linksPerSecond: Math.round(counts.links / writeSeconds),
      identifiersPerSecond: Math.round(counts.identifiers / writeSeconds),
      storeMiB: round(disk.store / 2 ** 20, 1),
      storeBytesPerIdentifier: Math.round(disk.store / counts.identifiers),
      graph: graph ?? null,
      sampledLookups: rows.length,
    };
  } finally {
    await db.close();
  }
});

/** CPU seconds used by this process's finished children (the import tool's JVM). */
function childCpuSeconds(): number {
  // /proc/self/stat after the command name: cutime and cstime are fields 14 and 15, in ticks
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

async function writeCsv(dir: string, total: number) {
  const files = {
    identifiers: csv(
      join(dir, 'identifiers.csv'),
      'key:ID(Identifier),type,value,firstSeen,lastSeen,quarantined:boolean,source',
    ),
    persons: csv(join(dir, 'persons.csv'), ':ID(Person),pid:long,oneId,createdAt,status,anchor'),
    links: csv(
      join(dir, 'links.csv'),
      ':START_ID(Identifier),:END_ID(Identifier),source,confidence:double,firstSeen,lastSeen,active:boolean,seq:long,createdAt',
    ),
    belongs: csv(join(dir, 'belongs.csv'), ':START_ID(Identifier),:END_ID(Person),since'),
  };
  let identifiers = 0;
  let links = 0;
  let persons = 0;
  for (let n = 0; identifiers < total; n++) {
    const p = syntheticPerson(n);
    const pid = n + 1;
    const day = p.links[0]?.firstSeen ?? CREATED;
    const member = p.identifiers[0];
    await files.persons.row(
      [pid, pid, oneIdFor(pid), CREATED, 'active', `${member?.type}:${member?.value}`].join(','),
    );
    for (const id of p.identifiers) {
      const key = `${id.type}:${id.value}`;
      await files.identifiers.row([key, id.type, id.value, day, day, 'false', 'bench'].join(','));
      await files.belongs.row([key, pid, CREATED].join(','));
    }
    for (const l of p.links) {
      links++;
      await files.links.row(
        [
          `${l.a.type}:${l.a.value}`,
          `${l.b.type}:${l.b.value}`,
          l.source,
          l.confidence,
          l.firstSeen,
          l.lastSeen,
          'true',
          links,
          CREATED,
        ].join(','),
      );
    }
    identifiers += p.identifiers.length;
    persons++;
  }
  await Promise.all(Object.values(files).map((f) => f.end()));
  return { identifiers, links, persons };
}

function csv(path: string, header: string) {
  const out = createWriteStream(path);
  let buffer = `${header}\n`;
  const flush = async () => {
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  return {
    async row(line: string) {
      buffer += `${line}\n`;
      if (buffer.length > 1 << 20) await flush();
    },
    async end() {
      await flush();
      out.end();
      await once(out, 'finish');
    },
  };
}
