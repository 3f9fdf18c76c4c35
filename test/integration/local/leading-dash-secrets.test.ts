import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { LocalKafka } from '../../../src/local/kafka.js';
import { LocalMariaDb } from '../../../src/local/mariadb.js';
import { LocalNeo4j } from '../../../src/local/neo4j.js';
import { tempCacheDir } from '../../support/local-cache.js';

// A secret is random base64url: one in 64 begins with "-", which a command line reads as an
// option. These instances hold such a secret from the start, as an instance folder left by a
// failed start of an older version does; they must start (and keep the secret).
const config = loadConfig();
const cacheDir = tempCacheDir('oneid-dash-');
const started: { stop(): Promise<boolean> }[] = [];
const quiet = () => undefined;

afterAll(async () => {
  for (const server of started.reverse()) await server.stop();
  rmSync(cacheDir, { recursive: true, force: true });
});

function keep(home: string, file: string, value: string): void {
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, file), `${value}\n`, { mode: 0o600 });
}

describe('local servers whose stored secret begins with "-"', () => {
  it('Neo4j: a fresh instance whose password begins with "-" starts, and that password logs in', async () => {
    const server = new LocalNeo4j(
      cacheDir,
      { ...config.neo4j.local, boltPort: 47701, httpPort: 47702, heap: '512m', pageCache: '64m' },
      'dash',
      quiet,
    );
    const password = '-zXDAZp0Yq7tR2vWcK9sLm4';
    keep(server.home, 'password', password);
    started.push(server);
    const status = await server.start();
    expect(server.password()).toBe(password);
    const driver = neo4j.driver(status.boltUri, neo4j.auth.basic('neo4j', password));
    try {
      await driver.verifyAuthentication();
    } finally {
      await driver.close();
    }
  });

  it('Kafka: an instance folder left by a failed format (cluster id beginning with "-") starts', async () => {
    const server = new LocalKafka(
      cacheDir,
      { ...config.ingest.kafka.local, port: 49101, controllerPort: 49102, heap: '256m' },
      'dash',
      quiet,
    );
    // what the failed start left: the folders, an empty log dir and the cluster id
    for (const dir of ['config', 'data', 'logs', 'run'])
      mkdirSync(join(server.home, dir), { recursive: true });
    const clusterId = '-wI1Cnq3TXe2b5mVdK8yAg';
    keep(server.home, 'cluster-id', clusterId);
    started.push(server);
    const status = await server.start();
    expect(status.running).toBe(true);
    expect(readFileSync(join(server.home, 'data', 'meta.properties'), 'utf8')).toContain(
      `cluster.id=${clusterId}`,
    );
  });

  it('MariaDB: an instance whose password begins with "-" starts, and that password logs in', async () => {
    const server = new LocalMariaDb(
      cacheDir,
      { port: 43311, serverId: 1, user: 'oneid_cdc', database: 'crm', table: 'members' },
      'dash',
      quiet,
    );
    const password = '-q8Zr2LmWx0YbT5nHc3VkPa';
    keep(server.home, 'password', password);
    started.push(server);
    // ready means the replication user logged in with the stored password
    expect((await server.start()).running).toBe(true);
    expect(server.password()).toBe(password);
  });
});
