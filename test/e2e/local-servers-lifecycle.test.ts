import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { LocalKafka } from '../../src/local/kafka.js';
import { localMariaDbFor } from '../../src/local/mariadb.js';
import { LocalNeo4j } from '../../src/local/neo4j.js';
import { portOpen } from '../../src/local/process.js';
import { tempCacheDir } from '../support/local-cache.js';
import { serviceEnv, spawnCli, startService } from '../support/service.js';

// `oneid serve --ingest` with nothing configured starts a local Neo4j, Kafka and MariaDB.
// What it started it must stop on every way out; what already ran it must leave alone.
// Own cache folder and ports: the shared test servers are never touched.
const cacheDir = tempCacheDir('oneid-lifecycle-');
const ports = { bolt: 47711, http: 47712, kafka: 49111, controller: 49112, mariadb: 43321 };
const env: Record<string, string> = {
  NEO4J_URI: '',
  NEO4J_PASSWORD: '',
  ONEID_KAFKA_BROKERS: '',
  ONEID_CDC_HOST: '',
  ONEID_CDC_PASSWORD: '',
  ONEID_CACHE_DIR: cacheDir,
  ONEID_NEO4J_BOLT_PORT: String(ports.bolt),
  ONEID_NEO4J_HTTP_PORT: String(ports.http),
  ONEID_NEO4J_HEAP: '512m',
  ONEID_NEO4J_PAGECACHE: '64m',
  ONEID_KAFKA_PORT: String(ports.kafka),
  ONEID_KAFKA_CONTROLLER_PORT: String(ports.controller),
  ONEID_KAFKA_HEAP: '256m',
  ONEID_MARIADB_PORT: String(ports.mariadb),
  ONEID_LOAD_SEEDS: 'false',
};
const basePort = 44720; // + ONEID_TEST_PORT_OFFSET
const config = loadConfig({ ...process.env, ...env });
const servers = {
  neo4j: new LocalNeo4j(config.cacheDir, config.neo4j.local),
  kafka: new LocalKafka(config.cacheDir, config.ingest.kafka.local),
  mariadb: localMariaDbFor(config),
};
const portOf = { neo4j: ports.bolt, kafka: ports.kafka, mariadb: ports.mariadb };
type Name = keyof typeof servers;
const names = Object.keys(servers) as Name[];

/** Running by its pid file, or at least listening on its port. */
async function running(name: Name): Promise<boolean> {
  return servers[name].status().running || (await portOpen(portOf[name]));
}

async function runningOf(): Promise<Record<Name, boolean>> {
  const out = {} as Record<Name, boolean>;
  for (const name of names) out[name] = await running(name);
  return out;
}

/** A plain TCP listener that takes a server's port. */
async function occupy(port: number): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

/** Runs `oneid serve --ingest` to its end; a service still running after `ms` is killed (code null). */
async function serveUntilExit(ms = 100_000) {
  const service = spawnCli(['serve', '--ingest'], serviceEnv({ ...env, PORT: '0' }));
  const timer = setTimeout(() => service.process.kill('SIGKILL'), ms);
  const result = await service.done;
  clearTimeout(timer);
  return { code: result.code, output: result.stdout + result.stderr };
}

let blocker: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  blocker = undefined;
  for (const name of names) await servers[name].stop();
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('oneid serve --ingest stops the local servers it started, and only those', () => {
  it('Kafka cannot start (its port is taken): exits non-zero and stops the Neo4j it started', async () => {
    blocker = await occupy(ports.kafka);
    const { code, output } = await serveUntilExit();
    expect(code, `exit code (null: still running, killed)\n${output}`).toBe(1);
    expect(output).toContain(`Port ${ports.kafka} is already taken`);
    expect(output).toContain('Starting the local Neo4j');
    expect(existsSync(join(servers.neo4j.home, 'data', 'databases', 'neo4j'))).toBe(true);
    expect(await runningOf(), output).toEqual({ neo4j: false, kafka: false, mariadb: false });
  });

  it('MariaDB cannot start: exits non-zero and stops the Neo4j and the Kafka it started', async () => {
    blocker = await occupy(ports.mariadb);
    const { code, output } = await serveUntilExit();
    expect(code, `exit code (null: still running, killed)\n${output}`).toBe(1);
    expect(output).toContain(`Port ${ports.mariadb} is already taken`);
    expect(output).toContain('Starting the local Kafka');
    expect(await runningOf(), output).toEqual({ neo4j: false, kafka: false, mariadb: false });
  });

  it('SIGINT stops the Neo4j, Kafka and MariaDB it started', async () => {
    const service = await startService(basePort, env, ['serve', '--ingest']);
    expect(await runningOf()).toEqual({ neo4j: true, kafka: true, mariadb: true });
    expect(await service.stop('SIGINT'), service.output()).toBe(0);
    expect(await runningOf(), service.output()).toEqual({
      neo4j: false,
      kafka: false,
      mariadb: false,
    });
  });

  it('SIGINT leaves the servers that already ran before it started, and stops the one it started', async () => {
    await servers.neo4j.start();
    await servers.mariadb.start();
    const before = { neo4j: servers.neo4j.status().pid, mariadb: servers.mariadb.status().pid };
    const service = await startService(basePort, env, ['serve', '--ingest']);
    expect(await running('kafka')).toBe(true);
    expect(await service.stop('SIGINT'), service.output()).toBe(0);
    expect(await runningOf(), service.output()).toEqual({
      neo4j: true,
      kafka: false,
      mariadb: true,
    });
    expect({ neo4j: servers.neo4j.status().pid, mariadb: servers.mariadb.status().pid }).toEqual(
      before,
    );
  });

  it('SIGINT during start-up stops the servers started so far', async () => {
    const service = spawnCli(['serve', '--ingest'], serviceEnv({ ...env, PORT: '0' }));
    // wait until the service has launched its Neo4j (not necessarily ready yet)
    const deadline = Date.now() + 60_000;
    while (servers.neo4j.status().pid === undefined && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const pid = servers.neo4j.status().pid;
    expect(pid).toBeDefined();
    service.process.kill('SIGINT');
    const result = await service.done;
    const output = result.stdout + result.stderr;
    expect(result.code, output).not.toBe(0);
    expect(await runningOf(), output).toEqual({ neo4j: false, kafka: false, mariadb: false });
  });
});
